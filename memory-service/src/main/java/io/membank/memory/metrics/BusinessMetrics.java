package io.membank.memory.metrics;

import io.membank.llm.LlmConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The RFC's memory and LLM metrics, registered with their help texts at start, so that they are
 * scraped (at zero) before the first memory or model call and dashboards and alerts never see a
 * missing series. The code that counts uses the same names and tags.
 */
@ApplicationScoped
public class BusinessMetrics {

  void register(@Observes StartupEvent event, MeterRegistry registry, LlmConfig llm) {
    counter(registry, "memories_created", "Memories added (extracted or created)");
    counter(registry, "memories_updated", "Memories changed to a new version (merged or edited)");
    counter(registry, "memories_invalidated", "Memories closed by a contradicting statement");
    counter(registry, "memories_deleted", "Memories deleted");
    Timer.builder("memory_operation_duration_seconds")
        .tag("operation", "ingest")
        .description("Time to process one ingestion job, from claim to completion")
        .publishPercentileHistogram()
        .register(registry);
    for (String source : new String[] {"search-service", "unavailable"}) {
      Counter.builder("memory_similar_lookups")
          .tag("source", source)
          .description("Similar-memory lookups before decisions, by who answered")
          .register(registry);
    }
    String provider = llm.provider();
    String model = llm.model();
    Counter.builder("llm_requests")
        .tags("provider", provider, "model", model, "operation", "extract")
        .description("Model calls, by provider, model and operation")
        .register(registry);
    for (String type : new String[] {"input", "output"}) {
      Counter.builder("llm_tokens_used")
          .tags("provider", provider, "model", model, "type", type)
          .description("Tokens sent to (input) and received from (output) models")
          .register(registry);
    }
    Timer.builder("llm_request_duration_seconds")
        .tags("provider", provider, "model", model)
        .description("Model call latency")
        .register(registry);
  }

  private static void counter(MeterRegistry registry, String name, String help) {
    Counter.builder(name).description(help).register(registry);
  }
}
