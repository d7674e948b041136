package io.membank.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleDrainerTest {

  @Test
  void fullBatchesAreTakenBackToBackUntilAShortOneComes() {
    AtomicInteger calls = new AtomicInteger();
    int[] sizes = {10, 10, 3};
    SingleDrainer drainer = new SingleDrainer("t", 10, () -> sizes[calls.getAndIncrement()]);

    drainer.drain();

    assertThat(calls).hasValue(3);
  }

  @Test
  void aRequestDuringADrainMakesThatDrainGoRoundAgainInsteadOfRunningInParallel() throws Exception {
    CountDownLatch firstBatchStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    SingleDrainer drainer =
        new SingleDrainer(
            "t",
            100,
            () -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              try {
                if (calls.incrementAndGet() == 1) {
                  firstBatchStarted.countDown();
                  release.await(5, TimeUnit.SECONDS);
                }
                return 1;
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              } finally {
                concurrent.decrementAndGet();
              }
            });

    Thread first = Thread.ofVirtual().start(drainer::drain);
    assertThat(firstBatchStarted.await(5, TimeUnit.SECONDS)).isTrue();
    drainer.drain(); // returns at once: the running drain takes the request
    assertThat(calls).hasValue(1);
    release.countDown();
    first.join(5000);

    assertThat(calls).hasValue(2);
    assertThat(maxConcurrent).hasValue(1);
  }

  @Test
  void aFailurePausesTheDrainAndTheNextRequestStartsAgain() {
    AtomicInteger calls = new AtomicInteger();
    SingleDrainer drainer =
        new SingleDrainer(
            "t",
            5,
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("broker down");
              }
              return 0;
            });

    drainer.drain();
    drainer.drain();

    assertThat(calls).hasValue(2);
  }
}
