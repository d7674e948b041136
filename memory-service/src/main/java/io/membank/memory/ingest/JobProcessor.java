package io.membank.memory.ingest;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.LlmUsageEvent;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import io.membank.http.Traces;
import io.membank.identity.CallerLogFields;
import io.membank.memory.api.MemoryDtos.Message;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.decide.Decision;
import io.membank.memory.decide.DecisionEngine;
import io.membank.memory.decide.Known;
import io.membank.memory.events.MemoryEventPublisher;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.Exchange;
import io.membank.memory.extract.Extraction;
import io.membank.memory.extract.Extractor;
import io.membank.memory.outbox.Outbox;
import io.membank.memory.similar.SimilarMemories;
import io.membank.memory.store.AdvisoryLocks;
import io.membank.memory.store.MemoryEntity;
import io.membank.memory.store.MemoryHistoryEntity.Reason;
import io.membank.memory.store.MemoryRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one ingestion job: claims it (a lease, so a dead worker's job is taken over), extracts
 * candidate facts outside any transaction, then decides and applies everything — memories, history,
 * events and the job's completion — in one transaction, so a job's effects happen exactly once even
 * if the process is killed at any point.
 */
@ApplicationScoped
public class JobProcessor {

  private static final Logger LOG = Logger.getLogger(JobProcessor.class);

  @Inject EntityManager em;
  @Inject Extractor extractor;
  @Inject MemoryRepository memories;
  @Inject MemoryEventPublisher events;
  @Inject Outbox outbox;
  @Inject AuditTrail audit;
  @Inject SimilarMemories similar;
  @Inject MemoryConfig config;
  @Inject MeterRegistry registry;

  /** Log context key of the user whose memories a log line is about. */
  static final String USER_ID = "user_id";

  /** Processes the job if it is waiting or its lease ran out; otherwise does nothing. */
  @WithSpan("JobProcessor.process")
  public void process(UUID jobId) {
    Optional<JobEntity> claimed = claim(jobId);
    if (claimed.isEmpty()) {
      return;
    }
    JobEntity job = claimed.get();
    // Every log line of the job says whose memories it is about.
    MDC.put(CallerLogFields.TENANT, job.tenantId);
    MDC.put(USER_ID, job.userId);
    Timer.Sample sample = Timer.start(registry);
    try {
      JobRequest request = JobRequest.fromMap(job.request);
      Extraction extraction = extractor.extract(exchangeOf(request));
      markProgress(jobId, 0.5);
      // Outside any transaction: a remote call must not hold the user's lock.
      SimilarMemories.Lookup lookup =
          similar.find(
              job.tenantId,
              job.userId,
              extraction.candidates().stream().map(Candidate::content).toList());
      complete(jobId, request, extraction, lookup);
      sample.stop(registry.timer("memory_operation_duration_seconds", "operation", "ingest"));
    } catch (RuntimeException e) {
      LOG.errorf(e, "memory.job.failed job_id=%s attempts=%d", jobId, job.attempts);
      release(jobId, e);
    } finally {
      MDC.remove(CallerLogFields.TENANT);
      MDC.remove(USER_ID);
    }
  }

  /** Takes the job if it is queued, or processing with an expired lease. */
  @Transactional
  Optional<JobEntity> claim(UUID jobId) {
    int updated =
        em.createNativeQuery(
                "update jobs set status = 'processing', attempts = attempts + 1,"
                    + " lease_until = now() + make_interval(secs => :lease),"
                    + " started_at = coalesce(started_at, now()), progress = 0.1, updated_at = now()"
                    + " where id = :id and (status = 'queued'"
                    + " or (status = 'processing' and lease_until < now()))")
            .setParameter("lease", (double) config.jobLease().toSeconds())
            .setParameter("id", jobId)
            .executeUpdate();
    if (updated == 0) {
      return Optional.empty();
    }
    JobEntity job = JobEntity.findById(jobId);
    if (job.attempts > config.maxAttempts()) {
      job.status = JobEntity.FAILED;
      job.error = "gave up after " + config.maxAttempts() + " attempts";
      job.completedAt = OffsetDateTime.now();
      job.updatedAt = job.completedAt;
      return Optional.empty();
    }
    return Optional.of(job);
  }

  @Transactional
  void markProgress(UUID jobId, double progress) {
    em.createNativeQuery(
            "update jobs set progress = :p, updated_at = now() where id = :id and status = 'processing'")
        .setParameter("p", progress)
        .setParameter("id", jobId)
        .executeUpdate();
  }

  /** A failed attempt: back to the queue (or failed for good once attempts are used up). */
  @Transactional
  void release(UUID jobId, RuntimeException cause) {
    JobEntity job = JobEntity.findById(jobId);
    if (job == null || !JobEntity.PROCESSING.equals(job.status)) {
      return;
    }
    job.error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    job.leaseUntil = null;
    job.updatedAt = OffsetDateTime.now();
    if (job.attempts >= config.maxAttempts()) {
      job.status = JobEntity.FAILED;
      job.completedAt = job.updatedAt;
    } else {
      job.status = JobEntity.QUEUED;
    }
  }

  /** Decides and applies all changes of the job, and completes it, in one transaction. */
  @Transactional
  void complete(
      UUID jobId, JobRequest request, Extraction extraction, SimilarMemories.Lookup lookup) {
    JobEntity job =
        em.find(JobEntity.class, jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (!JobEntity.PROCESSING.equals(job.status)) {
      return; // another worker finished it meanwhile
    }
    // One writer per user at a time: two jobs must not both add the same new fact.
    AdvisoryLocks.lockForTransaction(em, job.tenantId + "|" + job.userId);

    // The recent memories, plus older ones search-service found similar (re-read here, under the
    // lock: the database, not the read model, says what is current).
    Map<UUID, MemoryEntity> compared = new LinkedHashMap<>();
    memories
        .currentOf(job.tenantId, job.userId, config.compareWithRecent())
        .forEach(m -> compared.put(m.id, m));
    int recent = compared.size();
    lookup.ids().stream()
        .filter(id -> !compared.containsKey(id))
        .toList()
        .forEach(
            id -> {
              MemoryEntity m = memories.current(job.tenantId, job.userId, id);
              if (m != null) {
                compared.put(m.id, m);
              }
            });
    List<Known> current =
        compared.values().stream()
            .map(m -> new Known(m.id, m.normalizedContent, m.slot, m.slotValue))
            .toList();
    List<Decision> decisions =
        new DecisionEngine(config.similarityThreshold())
            .decide(
                extraction.candidates(),
                current,
                request.mergeStrategy(),
                request.skipDuplicates());

    OffsetDateTime now = OffsetDateTime.now();
    Map<String, List<String>> byEvent = new LinkedHashMap<>();
    for (String e : List.of("added", "updated", "invalidated")) {
      byEvent.put(e, new ArrayList<>());
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Decision d : decisions) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("event", d.event().name());
      row.put("memory_id", d.targetId() == null ? null : d.targetId().toString());
      row.put("content", d.candidate().content());
      row.put("reason", d.reason());
      switch (d.event()) {
        case ADD -> {
          add(job, request, d, now);
          byEvent.get("added").add(d.targetId().toString());
        }
        case UPDATE -> {
          row.put("previous_content", update(job, d, now));
          byEvent.get("updated").add(d.targetId().toString());
        }
        case INVALIDATE -> {
          row.put("previous_content", invalidate(job, d, now));
          byEvent.get("invalidated").add(d.targetId().toString());
        }
        case NOOP -> {}
      }
      results.add(row);
    }
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("provider", extraction.provider());
    usage.put("model", extraction.model());
    usage.put("tokens_in", extraction.tokensIn());
    usage.put("tokens_out", extraction.tokensOut());
    usage.put("model_calls", extraction.modelCalls());
    if (extraction.fallback() != null) {
      usage.put("fallback", extraction.fallback());
    }
    if (extraction.modelCalls() > 0) {
      recordModelUsage(job, extraction, now);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("decisions", results);
    result.put("memories", byEvent);
    result.put("usage", usage);
    Map<String, Object> comparison = new LinkedHashMap<>();
    comparison.put(
        "similar_source",
        lookup.source() == SimilarMemories.Source.SEARCH_SERVICE
            ? "search-service"
            : "unavailable");
    comparison.put("recent_memories", recent);
    comparison.put("similar_memories", compared.size() - recent);
    result.put("comparison", comparison);
    job.result = result;
    job.status = JobEntity.COMPLETED;
    job.progress = 1.0;
    job.error = null;
    job.leaseUntil = null;
    job.completedAt = now;
    job.updatedAt = now;
    count("memories_created", byEvent.get("added").size());
    count("memories_updated", byEvent.get("updated").size());
    count("memories_invalidated", byEvent.get("invalidated").size());
    LOG.infof(
        "memory.job.completed job_id=%s tenant=%s user_id=%s added=%d updated=%d invalidated=%d",
        job.id,
        job.tenantId,
        job.userId,
        byEvent.get("added").size(),
        byEvent.get("updated").size(),
        byEvent.get("invalidated").size());
  }

  /** One {@code llm.usage} event per job that called a model, and the RFC's LLM metrics. */
  private void recordModelUsage(JobEntity job, Extraction e, OffsetDateTime now) {
    LlmUsageEvent usage =
        new LlmUsageEvent(
            job.tenantId,
            now,
            "memory-service",
            e.provider(),
            e.model(),
            "extract",
            e.tokensIn(),
            e.tokensOut(),
            e.latencyMillis(),
            false,
            e.fallback() == null,
            Traces.currentTraceId());
    outbox.add(
        Topics.LLM_USAGE,
        job.tenantId,
        CloudEvent.of(
            EventTypes.LLM_USAGE_RECORDED, Outbox.SOURCE, job.id.toString(), job.tenantId, usage));
    registry
        .counter(
            "llm_requests", "provider", e.provider(), "model", e.model(), "operation", "extract")
        .increment(e.modelCalls());
    registry
        .counter("llm_tokens_used", "provider", e.provider(), "model", e.model(), "type", "input")
        .increment(e.tokensIn());
    registry
        .counter("llm_tokens_used", "provider", e.provider(), "model", e.model(), "type", "output")
        .increment(e.tokensOut());
    registry
        .timer("llm_request_duration_seconds", "provider", e.provider(), "model", e.model())
        .record(java.time.Duration.ofMillis(e.latencyMillis()));
  }

  private void add(JobEntity job, JobRequest request, Decision d, OffsetDateTime now) {
    Candidate c = d.candidate();
    MemoryEntity m = new MemoryEntity();
    m.id = d.targetId();
    m.tenantId = job.tenantId;
    m.userId = job.userId;
    m.agentId = job.agentId;
    m.sessionId = job.sessionId;
    m.content = c.content();
    m.normalizedContent = DecisionEngine.normalize(c.content());
    m.slot = c.slot();
    m.slotValue = c.slotValue();
    m.type = c.type();
    m.importance = c.importance();
    m.entities = c.entities();
    m.metadata = request.metadata() == null ? Map.of() : request.metadata();
    m.provenance = provenance(job, request);
    m.version = 1;
    m.validFrom = request.timestamp() != null ? request.timestamp() : now;
    m.createdAt = now;
    m.updatedAt = now;
    m.persist();
    memories.recordVersion(m, Reason.extracted, null, job.id, "ingestion");
    events.publish(m, MemoryEvent.Operation.CREATED, EventTypes.MEMORY_CREATED);
    audit.recordSystem(
        job.tenantId,
        AuditEvent.Action.CREATE,
        "memory",
        m.id.toString(),
        m.userId,
        Map.of("job_id", job.id.toString()));
  }

  private String update(JobEntity job, Decision d, OffsetDateTime now) {
    MemoryEntity m = target(job, d);
    Candidate c = d.candidate();
    String previous = m.content;
    m.content = c.content();
    m.normalizedContent = DecisionEngine.normalize(c.content());
    m.slot = c.slot() != null ? c.slot() : m.slot;
    m.slotValue = c.slot() != null ? c.slotValue() : m.slotValue;
    m.importance = Math.max(m.importance, c.importance());
    LinkedHashSet<String> entities =
        new LinkedHashSet<>(m.entities == null ? List.of() : m.entities);
    entities.addAll(c.entities());
    m.entities = List.copyOf(entities);
    m.version++;
    m.updatedAt = now;
    memories.recordVersion(m, Reason.merged, previous, job.id, "ingestion");
    events.publish(m, MemoryEvent.Operation.UPDATED, EventTypes.MEMORY_UPDATED);
    audit.recordSystem(
        job.tenantId,
        AuditEvent.Action.MODIFY,
        "memory",
        m.id.toString(),
        m.userId,
        Map.of("job_id", job.id.toString()));
    return previous;
  }

  private String invalidate(JobEntity job, Decision d, OffsetDateTime now) {
    MemoryEntity m = target(job, d);
    m.validTo = now;
    m.version++;
    m.updatedAt = now;
    memories.recordVersion(m, Reason.contradicted, m.content, job.id, "ingestion");
    events.publish(m, MemoryEvent.Operation.INVALIDATED, EventTypes.MEMORY_INVALIDATED);
    audit.recordSystem(
        job.tenantId,
        AuditEvent.Action.MODIFY,
        "memory",
        m.id.toString(),
        m.userId,
        Map.of("job_id", job.id.toString(), "contradicted_by", d.candidate().content()));
    return m.content;
  }

  private MemoryEntity target(JobEntity job, Decision d) {
    MemoryEntity m = em.find(MemoryEntity.class, d.targetId());
    if (m == null || !Objects.equals(m.tenantId, job.tenantId)) {
      throw new IllegalStateException("decision names an unknown memory " + d.targetId());
    }
    return m;
  }

  private static Map<String, Object> provenance(JobEntity job, JobRequest request) {
    Map<String, Object> p = new HashMap<>();
    p.put("job_id", job.id.toString());
    if (job.sessionId != null) {
      p.put("session_id", job.sessionId);
    }
    List<String> ids = new ArrayList<>();
    List<String> times = new ArrayList<>();
    if (request.messages() != null) {
      for (Message msg : request.messages()) {
        if ("user".equals(msg.role())) {
          if (msg.id() != null) {
            ids.add(msg.id());
          }
          if (msg.timestamp() != null) {
            times.add(msg.timestamp().toString());
          }
        }
      }
    } else if (request.timestamp() != null) {
      times.add(request.timestamp().toString());
    }
    if (!ids.isEmpty()) {
      p.put("message_ids", ids);
    }
    if (!times.isEmpty()) {
      p.put("message_timestamps", times);
    }
    return p;
  }

  static Exchange exchangeOf(JobRequest r) {
    if (r.messages() != null) {
      StringBuilder user = new StringBuilder();
      StringBuilder assistant = new StringBuilder();
      for (Message m : r.messages()) {
        (("user".equals(m.role())) ? user : assistant).append(m.content()).append('\n');
      }
      return new Exchange(user.toString(), assistant.toString(), List.of(), null);
    }
    var context = r.context();
    String userText = r.content();
    String assistantText = null;
    if (context != null && context.currentExchange() != null) {
      if (userText == null || userText.isBlank()) {
        userText = context.currentExchange().userMessage();
      }
      assistantText = context.currentExchange().assistantMessage();
    }
    List<String> recent =
        context == null || context.recentMessages() == null
            ? List.of()
            : context.recentMessages().stream()
                .filter(m -> "user".equals(m.role()))
                .map(Message::content)
                .toList();
    return new Exchange(
        userText, assistantText, recent, context == null ? null : context.rollingSummary());
  }

  private void count(String name, int n) {
    if (n > 0) {
      registry.counter(name).increment(n);
    }
  }
}
