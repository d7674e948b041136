package io.membank.graph.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.LlmUsageEvent;
import io.membank.contracts.MemoryEvent;
import io.membank.graph.extract.ModelUsage;
import io.membank.graph.service.UsageRecorder;
import io.membank.http.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Reports each model call to {@code llm.usage} (keyed by tenant), plus the LLM metrics. Usage is
 * derived data with no store of its own here, so it is sent directly and waited for; if the broker
 * refuses it, the graph write still goes ahead (the model has been paid for either way) and the
 * loss is logged and counted.
 */
@ApplicationScoped
public class LlmUsagePublisher implements UsageRecorder {

  static final String SOURCE = "/graph-service";
  static final String OPERATION = "graph_extract";
  private static final Logger LOG = Logger.getLogger(LlmUsagePublisher.class);
  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject
  @Channel("llm-usage")
  Emitter<Record<String, String>> emitter;

  @Inject MeterRegistry registry;

  @Override
  public void record(MemoryEvent event, ModelUsage usage) {
    LlmUsageEvent data =
        new LlmUsageEvent(
            event.tenantId(),
            OffsetDateTime.now(ZoneOffset.UTC),
            "graph-service",
            usage.provider(),
            usage.model(),
            OPERATION,
            usage.tokensIn(),
            usage.tokensOut(),
            usage.latencyMillis(),
            false,
            usage.succeeded(),
            Traces.currentTraceId(),
            null,
            event.userId(),
            usage.promptHash());
    Tags model = Tags.of("provider", usage.provider(), "model", usage.model());
    registry.counter("llm_requests", model.and("operation", OPERATION)).increment(usage.attempts());
    registry.counter("llm_tokens_used", model.and("type", "input")).increment(usage.tokensIn());
    registry.counter("llm_tokens_used", model.and("type", "output")).increment(usage.tokensOut());
    registry
        .timer("llm_request_duration_seconds", model)
        .record(Duration.ofMillis(usage.latencyMillis()));
    try {
      String json =
          JSON.writeValueAsString(
              CloudEvent.of(
                  EventTypes.LLM_USAGE_RECORDED, SOURCE, event.memoryId(), event.tenantId(), data));
      emitter
          .send(Record.of(event.tenantId(), json))
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (JsonProcessingException | ExecutionException | TimeoutException e) {
      registry.counter("llm_usage_unreported").increment();
      LOG.warnf(
          "graph.llm_usage.unreported memory_id=%s model=%s reason=%s",
          event.memoryId(), usage.model(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
