package io.membank.search.embed;

import io.membank.contracts.MemoryEvent;
import io.membank.search.index.SearchConfig;
import io.membank.search.index.Vector;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The vectors of an indexing batch, tried again while the model is only unavailable (a remote
 * server's timeout, 5xx, 429 or refused connection): the batch waits, with back-off, for at most
 * {@code membank.search.embeddings.retry-for}; nothing of it is indexed meanwhile, and nothing is
 * skipped. A failure that waiting cannot mend (wrong dimension, rejected key or model) or one that
 * outlasts the budget is thrown: the caller fails the batch, which is then consumed again.
 */
@ApplicationScoped
public class EmbeddingRetry {

  private static final Logger LOG = Logger.getLogger(EmbeddingRetry.class);

  @Inject Embeddings embeddings;
  @Inject SearchConfig config;
  @Inject MeterRegistry registry;

  private volatile boolean stopping;

  void stop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /**
   * {@link Embeddings#forEvents} of the batch, retried while the model is unavailable.
   *
   * @param stage metric and log tag: {@code index} or {@code rebuild}
   * @throws EmbeddingFailure when the model rejects the batch, answers wrongly, or stays
   *     unavailable past the budget
   */
  public Map<Integer, Vector> forEvents(List<MemoryEvent> events, String stage) {
    SearchConfig.Embeddings c = config.embeddings();
    long deadline = System.nanoTime() + c.retryFor().toNanos();
    Duration backoff = c.retryBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return embeddings.forEvents(events);
      } catch (EmbeddingFailure e) {
        registry
            .counter("search_embedding_errors", "stage", stage, "reason", e.kind().tag())
            .increment();
        boolean again =
            e.retryable() && !stopping && System.nanoTime() + backoff.toNanos() < deadline;
        if (!again) {
          LOG.errorf(
              "search.embeddings.failed stage=%s reason=%s attempts=%d events=%d: %s",
              stage, e.kind().tag(), attempt, events.size(), e.getMessage());
          throw e;
        }
        LOG.warnf(
            "search.embeddings.retry stage=%s reason=%s attempt=%d backoff_ms=%d: %s",
            stage, e.kind().tag(), attempt, backoff.toMillis(), e.getMessage());
        sleep(backoff);
        backoff = min(backoff.multipliedBy(2), c.retryMaxBackoff());
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry embeddings", e);
    }
  }
}
