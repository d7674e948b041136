package io.membank.memory.ingest;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryIngestRequested;
import io.membank.contracts.Topics;
import io.membank.http.ProblemException;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.store.AdvisoryLocks;
import io.membank.outbox.Outbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts writes: stores the job and its {@code memory.ingest} event in one transaction, so an
 * accepted write is never lost even if Kafka is down; a worker does the rest.
 */
@ApplicationScoped
public class IngestService {

  private final Outbox outbox;
  private final AuditTrail audit;
  private final MemoryConfig config;
  private final TenantDefaultExpiry defaultExpiry;
  private final EntityManager em;

  IngestService(
      Outbox outbox,
      AuditTrail audit,
      MemoryConfig config,
      TenantDefaultExpiry defaultExpiry,
      EntityManager em) {
    this.outbox = outbox;
    this.defaultExpiry = defaultExpiry;
    this.audit = audit;
    this.config = config;
    this.em = em;
  }

  /** A job that was accepted now, or found again for a retried request. */
  public record Accepted(UUID jobId, String status, boolean duplicate) {}

  @WithSpan("IngestService.accept")
  @Transactional
  public Accepted accept(String tenant, AddMemories write, String idempotencyKey) {
    OffsetDateTime now = OffsetDateTime.now();
    checkWrite(write, now);
    OffsetDateTime expiresAt = write.expiresAt();
    if (expiresAt == null) {
      expiresAt = defaultExpiry.of(tenant).map(now::plus).orElse(null);
    }

    String key = idempotencyKey != null ? idempotencyKey : write.customId();
    // The fingerprint is of what was asked (the tenant's default expiry depends on the time).
    JobInput input = JobInput.of(write, expiresAt);
    String requestHash =
        RequestFingerprint.of(
            write.userId(),
            write.agentId(),
            write.session(),
            JobInput.of(write, write.expiresAt()).toMap());
    if (key != null) {
      Optional<JobEntity> existing = findByKey(tenant, key);
      if (existing.isPresent()) {
        return sameRequestAgain(existing.get(), key, idempotencyKey != null, requestHash);
      }
    }
    JobEntity job =
        newJob(
            tenant,
            write.userId(),
            write.agentId(),
            write.session(),
            null,
            key,
            ImportBatch.Options.DEFAULT_PRIORITY,
            input);
    job.requestHash = requestHash;
    audit.record(
        AuditEvent.Action.CREATE,
        "memory_job",
        job.id.toString(),
        write.userId(),
        AuditEvent.Outcome.SUCCESS,
        Map.of());
    return new Accepted(job.id, job.status, false);
  }

  /** Accepts a batch: one job per conversation, all in one transaction. */
  @WithSpan("IngestService.acceptBatch")
  @Transactional
  public BatchEntity acceptBatch(String tenant, ImportBatch batchImport) {
    if (batchImport.conversations().size() > config.maxBatchConversations()) {
      throw ProblemException.badRequest(
          "batch-too-large",
          "A batch holds at most " + config.maxBatchConversations() + " conversations");
    }
    ImportBatch.Options options =
        batchImport.options() == null
            ? new ImportBatch.Options(null, null, null)
            : batchImport.options();
    BatchEntity batch = new BatchEntity();
    batch.id = UUID.randomUUID();
    batch.tenantId = tenant;
    batch.userId = batchImport.userId();
    batch.jobCount = batchImport.conversations().size();
    Map<String, Object> stored = new HashMap<>();
    stored.put("priority", options.priorityOrDefault());
    stored.put("skip_duplicates", options.skipDuplicatesOrDefault());
    stored.put("merge_strategy", options.mergeStrategyOrDefault().name());
    batch.options = stored;
    batch.createdAt = OffsetDateTime.now();
    batch.persist();
    for (ImportBatch.Conversation conversation : batchImport.conversations()) {
      conversation.messages().forEach(m -> checkLength("messages[].content", m.content()));
      newJob(
          tenant,
          batchImport.userId(),
          conversation.agentId(),
          conversation.sessionId(),
          batch.id,
          null,
          options.priorityOrDefault(),
          JobInput.of(conversation, options));
    }
    audit.record(
        AuditEvent.Action.CREATE,
        "memory_batch",
        batch.id.toString(),
        batchImport.userId(),
        AuditEvent.Outcome.SUCCESS,
        Map.of("job_count", batch.jobCount));
    return batch;
  }

  private JobEntity newJob(
      String tenant,
      String userId,
      String agentId,
      String sessionId,
      UUID batchId,
      String idempotencyKey,
      int priority,
      JobInput input) {
    JobEntity job = new JobEntity();
    job.id = UUID.randomUUID();
    job.tenantId = tenant;
    job.userId = userId;
    job.agentId = agentId;
    job.sessionId = sessionId;
    job.batchId = batchId;
    job.idempotencyKey = idempotencyKey;
    job.status = JobEntity.QUEUED;
    job.priority = priority;
    job.request = input.toMap();
    job.createdAt = OffsetDateTime.now();
    job.updatedAt = job.createdAt;
    job.persist();
    outbox.add(
        Topics.MEMORY_INGEST,
        tenant + ":" + userId,
        EventTypes.MEMORY_INGEST_REQUESTED,
        job.id.toString(),
        tenant,
        new MemoryIngestRequested(
            job.id.toString(),
            tenant,
            userId,
            batchId == null ? null : batchId.toString(),
            priority));
    return job;
  }

  /**
   * A retry of an accepted request gets its job again; a different request under the same key is
   * refused (the IETF Idempotency-Key draft's rule), so its payload is never silently dropped.
   */
  private static Accepted sameRequestAgain(
      JobEntity existing, String key, boolean fromHeader, String requestHash) {
    if (existing.requestHash != null && !existing.requestHash.equals(requestHash)) {
      String name = fromHeader ? "Idempotency-Key" : "custom_id";
      throw ProblemException.unprocessable(
          "idempotency-key-reused",
          name
              + " '"
              + key
              + "' was already used for a different request (job "
              + existing.id
              + "); send a new "
              + name
              + " for a new request, or the same body to get that job again");
    }
    return new Accepted(existing.id, existing.status, true);
  }

  private Optional<JobEntity> findByKey(String tenant, String key) {
    // Serialise concurrent retries of the same key: the second waits, then finds the first.
    AdvisoryLocks.lockForTransaction(em, tenant + "|" + key);
    return JobEntity.<JobEntity>find("tenantId = ?1 and idempotencyKey = ?2", tenant, key)
        .firstResultOptional();
  }

  /** What bean validation cannot see; a 400 naming the field, before anything is stored. */
  private void checkWrite(AddMemories write, OffsetDateTime now) {
    if (write.messages() != null) {
      if (write.content() != null || write.context() != null) {
        throw ProblemException.badRequest(
            "conflicting-input", "Give messages, content or context, not several of them");
      }
      if (write.messages().isEmpty()) {
        throw ProblemException.badRequest("missing-content", "messages must not be empty");
      }
      for (int i = 0; i < write.messages().size(); i++) {
        checkLength("messages[" + i + "].content", write.messages().get(i).content());
        checkNotFuture("messages[" + i + "].timestamp", write.messages().get(i).timestamp(), now);
      }
    }
    if (!write.hasUserText()) {
      throw ProblemException.badRequest(
          "missing-content",
          write.messages() != null
              ? "messages needs at least one non-blank message with role user"
              : "Give content, messages or context.current_exchange.user_message");
    }
    checkLength("content", write.content());
    checkLength(
        "context.current_exchange.user_message",
        write.context() == null ? null : write.context().latestUserMessage());
    checkNotFuture("timestamp", write.timestamp(), now);
    if (write.expiresAt() != null && !write.expiresAt().isAfter(now)) {
      throw ProblemException.badRequest(
          "invalid-expiry", "expires_at must be in the future; it is " + write.expiresAt());
    }
  }

  /** Event time is when something was said: later than now (beyond clock skew) is a mistake. */
  private void checkNotFuture(String field, OffsetDateTime t, OffsetDateTime now) {
    if (t != null && t.isAfter(now.plus(config.eventTimeSkew()))) {
      throw ProblemException.badRequest(
          "invalid-timestamp",
          field + " " + t + " is in the future; event time is when the conversation happened");
    }
  }

  private void checkLength(String field, String value) {
    if (value != null && value.length() > config.maxContentChars()) {
      throw ProblemException.badRequest(
          "content-too-long",
          field
              + " has "
              + value.length()
              + " characters; the limit is "
              + config.maxContentChars());
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Jobs of a batch, for GET /batches/{id}. */
  public List<JobEntity> jobsOf(String tenant, UUID batchId) {
    return JobEntity.list("tenantId = ?1 and batchId = ?2", tenant, batchId);
  }
}
