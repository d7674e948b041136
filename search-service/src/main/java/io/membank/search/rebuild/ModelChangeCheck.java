package io.membank.search.rebuild;

import io.membank.search.embed.Embedder;
import io.membank.search.embed.Embeddings;
import io.membank.search.index.MemoryStore;
import io.membank.search.index.SearchConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Notices an embedding-model change: the index holds vectors in fields of models no longer in use
 * (another provider, model or dimension: each has its own field), which queries never search. At
 * start it logs a warning naming the re-embedding path ({@code bin/membank reindex}), or starts
 * that rebuild itself with {@code membank.search.embeddings.reindex-on-model-change=true}; the
 * gauge {@code search_index_stale_vectors} counts those memories until the rebuild has swapped in.
 */
@ApplicationScoped
public class ModelChangeCheck {

  private static final Logger LOG = Logger.getLogger(ModelChangeCheck.class);

  @Inject MemoryStore store;
  @Inject Embeddings embeddings;
  @Inject IndexRebuild rebuild;
  @Inject SearchConfig config;

  /** After the index is open and the models are loaded (both at the default priority). */
  void check(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event,
      MeterRegistry registry) {
    Gauge.builder("search_index_stale_vectors", this, ModelChangeCheck::staleCount)
        .description(
            "Memories whose vectors come from an embedding model no longer in use"
                + " (zero once bin/membank reindex has re-embedded them)")
        .register(registry);
    Map<String, Integer> stale = stale();
    if (stale.isEmpty()) {
      return;
    }
    String inUse = fieldsInUse().stream().sorted().collect(Collectors.joining(","));
    if (config.embeddings().reindexOnModelChange()) {
      boolean started = rebuild.start();
      LOG.warnf(
          "search.embeddings.model_changed stale=%s in_use=[%s] reindex=%s",
          stale, inUse, started ? "started" : "already running");
    } else {
      LOG.warnf(
          "search.embeddings.model_changed stale=%s in_use=[%s]: these memories are found by"
              + " keyword only until they are re-embedded; run bin/membank reindex (POST"
              + " /admin/reindex on the management port)",
          stale, inUse);
    }
  }

  /** Vector fields of models not in use, with how many memories have one, by field name. */
  Map<String, Integer> stale() {
    if (!embeddings.enabled()) {
      return Map.of(); // keyword only: no vector is searched, none is stale
    }
    return store.vectorsOutside(fieldsInUse());
  }

  private double staleCount() {
    return store.isOpen() ? stale().values().stream().mapToInt(Integer::intValue).sum() : 0;
  }

  private Set<String> fieldsInUse() {
    return embeddings.all().stream().map(Embedder::field).collect(Collectors.toSet());
  }
}
