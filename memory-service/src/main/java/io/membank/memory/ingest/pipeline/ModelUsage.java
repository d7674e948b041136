package io.membank.memory.ingest.pipeline;

import io.membank.contracts.EventTypes;
import io.membank.contracts.LlmUsageEvent;
import io.membank.contracts.Topics;
import io.membank.http.Traces;
import io.membank.memory.extract.Extraction;
import io.membank.memory.metrics.BusinessMetrics;
import io.membank.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Meters a job's model calls: one {@code llm.usage} event (for cost-service) and the RFC's metrics.
 */
@ApplicationScoped
public class ModelUsage {

  private final Outbox outbox;
  private final MeterRegistry registry;

  ModelUsage(Outbox outbox, MeterRegistry registry) {
    this.outbox = outbox;
    this.registry = registry;
  }

  /** Records the extraction's model calls, if it made any, in the job's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(ClaimedJob job, Extraction e, OffsetDateTime now) {
    if (e.modelCalls() == 0) {
      return;
    }
    LlmUsageEvent usage =
        new LlmUsageEvent(
            job.tenantId(),
            now,
            "memory-service",
            e.provider(),
            e.model(),
            BusinessMetrics.EXTRACT,
            e.tokensIn(),
            e.tokensOut(),
            e.latencyMillis(),
            false,
            e.fallback() == null,
            Traces.currentTraceId(),
            null,
            job.userId(),
            e.promptHash());
    outbox.add(
        Topics.LLM_USAGE,
        job.tenantId(),
        EventTypes.LLM_USAGE_RECORDED,
        job.id().toString(),
        job.tenantId(),
        usage);
    registry
        .counter(
            BusinessMetrics.LLM_REQUESTS,
            "provider",
            e.provider(),
            "model",
            e.model(),
            "operation",
            BusinessMetrics.EXTRACT)
        .increment(e.modelCalls());
    tokens(e, "input", e.tokensIn());
    tokens(e, "output", e.tokensOut());
    registry
        .timer(BusinessMetrics.LLM_REQUEST_DURATION, "provider", e.provider(), "model", e.model())
        .record(Duration.ofMillis(e.latencyMillis()));
  }

  private void tokens(Extraction e, String type, long count) {
    registry
        .counter(
            BusinessMetrics.LLM_TOKENS_USED,
            "provider",
            e.provider(),
            "model",
            e.model(),
            "type",
            type)
        .increment(count);
  }
}
