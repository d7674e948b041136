package io.membank.search.events;

import io.membank.contracts.MemoryEvent;
import io.membank.search.cache.QueryCache;
import io.membank.search.embed.EmbeddingRetry;
import io.membank.search.index.MemoryStore;
import io.membank.search.index.Vector;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the index in step with {@code memory.events}, a batch at a time: every event of the batch
 * is applied (in order: events of one memory share a partition), a record that is not a valid
 * memory event goes to the dead-letter topic, and the index is committed once before the batch is
 * acknowledged — so nothing acknowledged is ever missing after a crash. The batch's vectors come
 * first: while the model is unavailable the batch waits ({@link EmbeddingRetry}); if it stays so,
 * or answers wrongly, the batch fails unapplied and unacknowledged (the channel stops, readiness
 * goes DOWN, and the batch is consumed again after a restart) — never indexed without its vectors.
 */
@ApplicationScoped
public class MemoryEventsConsumer {

  private static final Logger LOG = Logger.getLogger(MemoryEventsConsumer.class);

  @Inject MemoryStore index;
  @Inject EmbeddingRetry embeddings;
  @Inject QueryCache cache;
  @Inject MeterRegistry registry;

  @Inject
  @Channel("memory-events-dlq")
  Emitter<String> deadLetters;

  @Incoming("memory-events")
  @Blocking
  public void onBatch(List<String> payloads)
      throws InterruptedException, ExecutionException, TimeoutException {
    int applied = 0;
    int stale = 0;
    List<MemoryEvent> events = new ArrayList<>(payloads.size());
    List<String> poison = new ArrayList<>();
    for (String payload : payloads) {
      try {
        events.add(MemoryEvent.fromRecord(payload));
      } catch (IllegalArgumentException e) {
        LOG.warnf("search.index.poison reason=%s", e.getMessage());
        poison.add(payload);
        events.add(null);
      }
    }
    // One model call per model for the whole batch, outside the index lock; retried while the
    // model is unavailable, thrown (the batch fails unapplied) when it cannot help. Before the
    // dead letters, so a batch consumed again does not dead-letter its poison twice.
    Map<Integer, Vector> vectors = embeddings.forEvents(events, "index");
    for (String payload : poison) {
      deadLetters.send(payload).toCompletableFuture().get(10, TimeUnit.SECONDS);
      registry.counter("search_index_events", "outcome", "dead_letter").increment();
    }
    Set<String> changedUsers = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      MemoryEvent event = events.get(i);
      if (event == null) {
        continue;
      }
      if (index.apply(event, vectors.get(i)) == MemoryStore.Outcome.APPLIED) {
        applied++;
        changedUsers.add(event.tenantId() + "/" + event.userId());
      } else {
        stale++;
      }
    }
    index.commit();
    // After the commit: an answer cached from now on already sees these changes.
    cache.invalidate(changedUsers);
    registry.counter("search_index_events", "outcome", "applied").increment(applied);
    registry.counter("search_index_events", "outcome", "stale").increment(stale);
    LOG.debugf("search.index.batch size=%d applied=%d stale=%d", payloads.size(), applied, stale);
  }
}
