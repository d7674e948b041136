package io.membank.search.metrics;

import io.membank.search.cache.QueryCache;
import io.membank.search.embed.EmbeddingFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The RFC's search metrics, registered with their help texts at start so they are scraped (at zero)
 * before the first search; the code that counts uses the same names and tags.
 */
@ApplicationScoped
public class BusinessMetrics {

  void register(@Observes StartupEvent event, MeterRegistry registry, QueryCache cache) {
    for (String retrieval : new String[] {"keyword", "vector", "hybrid", "similar"}) {
      Counter.builder("search_requests")
          .tag("retrieval", retrieval)
          .description("Searches, by how they were ranked (similar: memory-service's lookups)")
          .register(registry);
    }
    Timer.builder("search_latency")
        .description("Search latency, from request to results")
        .publishPercentileHistogram()
        .register(registry);
    for (String outcome : new String[] {"applied", "stale", "dead_letter"}) {
      Counter.builder("search_index_events")
          .tag("outcome", outcome)
          .description("memory.events records by what the index did with them")
          .register(registry);
    }
    for (String stage : new String[] {"index", "rebuild", "query"}) {
      for (EmbeddingFailure.Kind kind : EmbeddingFailure.Kind.values()) {
        Counter.builder("search_embedding_errors")
            .tag("stage", stage)
            .tag("reason", kind.tag())
            .description(
                "Embedding calls that gave no usable vectors (index and rebuild retry or fail the"
                    + " batch; query answers by keyword)")
            .register(registry);
      }
    }
    // Creating the cache bean registers its hit/miss counters and hit-ratio gauge now.
    cache.isEnabled();
  }
}
