package io.membank.search.index;

import io.membank.search.index.qdrant.QdrantMemoryStore;
import io.membank.search.index.qdrant.QdrantSettings;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one {@link MemoryStore} of the service, chosen by {@code membank.search.store}: Lucene on
 * local disk (default) or Qdrant, with a span around each search and commit. Opened at start (a
 * store that cannot open fails the start), closed at shutdown.
 */
@ApplicationScoped
public class MemoryStores {

  @Produces
  @Singleton
  @Startup
  MemoryStore store(SearchConfig config, Tracer tracer) {
    MemoryStore store =
        switch (config.store()) {
          case LUCENE -> MemoryIndex.open(config.indexDir(), config.hybrid());
          case QDRANT ->
              QdrantMemoryStore.open(QdrantSettings.of(config.qdrant()), config.hybrid());
        };
    return new TracedMemoryStore(store, tracer);
  }

  void close(@Disposes MemoryStore store) {
    store.close();
  }
}
