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

  public static final String MEMORIES_CREATED = "memories_created";
  public static final String MEMORIES_UPDATED = "memories_updated";
  public static final String MEMORIES_INVALIDATED = "memories_invalidated";
  public static final String MEMORIES_DELETED = "memories_deleted";
  public static final String OPERATION_DURATION = "memory_operation_duration_seconds";

  /** The {@code operation} tag of {@link #OPERATION_DURATION} for one ingestion job. */
  public static final String INGEST = "ingest";

  public static final String SIMILAR_LOOKUPS = "memory_similar_lookups";
  public static final String LLM_REQUESTS = "llm_requests";
  public static final String LLM_TOKENS_USED = "llm_tokens_used";
  public static final String LLM_REQUEST_DURATION = "llm_request_duration_seconds";

  /** The {@code operation} tag of model calls memory-service makes. */
  public static final String EXTRACT = "extract";

  /** The {@code source} tags of {@link #SIMILAR_LOOKUPS}. */
  public static final String SOURCE_SEARCH_SERVICE = "search-service";

  public static final String SOURCE_UNAVAILABLE = "unavailable";

  /** Jobs sent back to wait because search-service was busy, by {@code reason}. */
  public static final String SIMILAR_WAITS = "memory_similar_lookup_waits";

  /**
   * The {@code reason} tags of {@link #SIMILAR_WAITS}: a 503 or full pool, the timeout, or the
   * circuit breaker that timeouts opened.
   */
  public static final String WAIT_SATURATED = "saturated";

  public static final String WAIT_TIMEOUT = "timeout";

  public static final String WAIT_BREAKER_OPEN = "breaker_open";

  void register(@Observes StartupEvent event, MeterRegistry registry, LlmConfig llm) {
    counter(registry, MEMORIES_CREATED, "Memories added (extracted or created)");
    counter(registry, MEMORIES_UPDATED, "Memories changed to a new version (merged or edited)");
    counter(registry, MEMORIES_INVALIDATED, "Memories closed by a contradicting statement");
    counter(registry, MEMORIES_DELETED, "Memories deleted");
    Timer.builder(OPERATION_DURATION)
        .tag("operation", INGEST)
        .description("Time to process one ingestion job, from claim to completion")
        .publishPercentileHistogram()
        .register(registry);
    for (String source : new String[] {SOURCE_SEARCH_SERVICE, SOURCE_UNAVAILABLE}) {
      Counter.builder(SIMILAR_LOOKUPS)
          .tag("source", source)
          .description("Similar-memory lookups before decisions, by who answered")
          .register(registry);
    }
    for (String reason : new String[] {WAIT_SATURATED, WAIT_TIMEOUT, WAIT_BREAKER_OPEN}) {
      Counter.builder(SIMILAR_WAITS)
          .tag("reason", reason)
          .description("Jobs that waited for a busy search-service instead of deciding without it")
          .register(registry);
    }
    String provider = llm.provider();
    String model = llm.model();
    Counter.builder(LLM_REQUESTS)
        .tags("provider", provider, "model", model, "operation", EXTRACT)
        .description("Model calls, by provider, model and operation")
        .register(registry);
    for (String type : new String[] {"input", "output"}) {
      Counter.builder(LLM_TOKENS_USED)
          .tags("provider", provider, "model", model, "type", type)
          .description("Tokens sent to (input) and received from (output) models")
          .register(registry);
    }
    Timer.builder(LLM_REQUEST_DURATION)
        .tags("provider", provider, "model", model)
        .description("Model call latency")
        .register(registry);
  }

  private static void counter(MeterRegistry registry, String name, String help) {
    Counter.builder(name).description(help).register(registry);
  }
}
