package io.membank.outbox;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Drains a queue table with one drainer at a time per process. A request that arrives while a drain
 * runs makes that drain go round again, so freshly committed work never waits for the next poll;
 * full batches are taken back to back.
 */
public final class SingleDrainer {

  private static final Logger LOG = Logger.getLogger(SingleDrainer.class);

  private final String name;
  private final int batchSize;
  private final IntSupplier batch;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean requested = new AtomicBoolean();

  /**
   * @param name used in the log line when a drain pauses ({@code <name>.paused})
   * @param batchSize a batch that returns this many items means more may be waiting
   * @param batch takes and handles one batch, returning how many items it took
   */
  public SingleDrainer(String name, int batchSize, IntSupplier batch) {
    this.name = name;
    this.batchSize = batchSize;
    this.batch = batch;
  }

  /**
   * Drains now on the calling thread, or asks the running drain to go round again. A failure pauses
   * the drain (logged) until the next request: the poll is the safety net.
   */
  public void drain() {
    requested.set(true);
    while (requested.get() && running.compareAndSet(false, true)) {
      try {
        while (requested.getAndSet(false)) {
          while (batch.getAsInt() == batchSize) {
            // keep draining while full batches come back
          }
        }
      } catch (RuntimeException e) {
        LOG.warnf("%s.paused reason=%s", name, e.getMessage());
        return;
      } finally {
        running.set(false);
      }
    }
  }

  /** Drains on a new virtual thread: never on a request or transaction thread. */
  public void drainInBackground() {
    Thread.ofVirtual().name(name).start(this::drain);
  }
}
