package io.membank.memory.ingest;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryIngestRequested;
import io.membank.contracts.Topics;
import io.membank.http.ProblemException;
import io.membank.memory.api.MemoryDtos.AddMemoryRequest;
import io.membank.memory.api.MemoryDtos.BatchConversation;
import io.membank.memory.api.MemoryDtos.BatchRequest;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.decide.MergeStrategy;
import io.membank.memory.outbox.Outbox;
import io.membank.memory.store.AdvisoryLocks;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  @Inject Outbox outbox;
  @Inject AuditTrail audit;
  @Inject MemoryConfig config;
  @Inject EntityManager em;

  /** A job that was accepted now, or found again for a retried request. */
  public record Accepted(UUID jobId, String status, boolean duplicate) {}

  @WithSpan("IngestService.accept")
  @Transactional
  public Accepted accept(String tenant, AddMemoryRequest request, String idempotencyKey) {
    String content = request.content();
    String userMessage =
        request.context() == null || request.context().currentExchange() == null
            ? null
            : request.context().currentExchange().userMessage();
    if (isBlank(content) && isBlank(userMessage)) {
      throw ProblemException.badRequest(
          "missing-content", "Give content or context.current_exchange.user_message");
    }
    checkLength("content", content);
    checkLength("context.current_exchange.user_message", userMessage);

    String key = idempotencyKey != null ? idempotencyKey : request.customId();
    if (key != null) {
      Optional<JobEntity> existing = findByKey(tenant, key);
      if (existing.isPresent()) {
        return new Accepted(existing.get().id, existing.get().status, true);
      }
    }
    String session =
        request.sessionId() != null
            ? request.sessionId()
            : request.context() == null ? null : request.context().sessionId();
    JobRequest jobRequest =
        new JobRequest(
            content,
            request.context(),
            null,
            request.metadata(),
            MergeStrategy.merge,
            true,
            request.context() != null && request.context().currentExchange() != null
                ? request.context().currentExchange().timestamp()
                : null);
    JobEntity job =
        newJob(tenant, request.userId(), request.agentId(), session, null, key, 5, jobRequest);
    audit.record(
        AuditEvent.Action.CREATE,
        "memory_job",
        job.id.toString(),
        request.userId(),
        AuditEvent.Outcome.SUCCESS,
        Map.of());
    return new Accepted(job.id, job.status, false);
  }

  /** Accepts a batch: one job per conversation, all in one transaction. */
  @WithSpan("IngestService.acceptBatch")
  @Transactional
  public BatchEntity acceptBatch(String tenant, BatchRequest request) {
    if (request.conversations().size() > config.maxBatchConversations()) {
      throw ProblemException.badRequest(
          "batch-too-large",
          "A batch holds at most " + config.maxBatchConversations() + " conversations");
    }
    var options = request.options();
    int priority = options == null || options.priority() == null ? 5 : options.priority();
    boolean skipDuplicates =
        options == null || options.skipDuplicates() == null || options.skipDuplicates();
    MergeStrategy strategy =
        options == null || options.mergeStrategy() == null
            ? MergeStrategy.merge
            : MergeStrategy.valueOf(options.mergeStrategy());
    BatchEntity batch = new BatchEntity();
    batch.id = UUID.randomUUID();
    batch.tenantId = tenant;
    batch.userId = request.userId();
    batch.jobCount = request.conversations().size();
    Map<String, Object> stored = new HashMap<>();
    stored.put("priority", priority);
    stored.put("skip_duplicates", skipDuplicates);
    stored.put("merge_strategy", strategy.name());
    batch.options = stored;
    batch.createdAt = OffsetDateTime.now();
    batch.persist();
    for (BatchConversation conversation : request.conversations()) {
      conversation.messages().forEach(m -> checkLength("messages[].content", m.content()));
      JobRequest jobRequest =
          new JobRequest(
              null,
              null,
              conversation.messages(),
              conversation.metadata(),
              strategy,
              skipDuplicates,
              conversation.timestamp());
      newJob(
          tenant,
          request.userId(),
          conversation.agentId(),
          conversation.sessionId(),
          batch.id,
          null,
          priority,
          jobRequest);
    }
    audit.record(
        AuditEvent.Action.CREATE,
        "memory_batch",
        batch.id.toString(),
        request.userId(),
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
      JobRequest request) {
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
    job.request = request.toMap();
    job.createdAt = OffsetDateTime.now();
    job.updatedAt = job.createdAt;
    job.persist();
    outbox.add(
        Topics.MEMORY_INGEST,
        tenant + ":" + userId,
        CloudEvent.of(
            EventTypes.MEMORY_INGEST_REQUESTED,
            Outbox.SOURCE,
            job.id.toString(),
            tenant,
            new MemoryIngestRequested(
                job.id.toString(),
                tenant,
                userId,
                batchId == null ? null : batchId.toString(),
                priority)));
    return job;
  }

  private Optional<JobEntity> findByKey(String tenant, String key) {
    // Serialise concurrent retries of the same key: the second waits, then finds the first.
    AdvisoryLocks.lockForTransaction(em, tenant + "|" + key);
    return JobEntity.<JobEntity>find("tenantId = ?1 and idempotencyKey = ?2", tenant, key)
        .firstResultOptional();
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
