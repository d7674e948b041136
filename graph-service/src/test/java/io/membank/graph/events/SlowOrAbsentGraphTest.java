package io.membank.graph.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.GraphFixtures;
import io.membank.graph.service.GraphUpdater;
import io.membank.graph.store.GraphWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Vetoed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/**
 * A batch whose graph transaction runs out of time is applied again in halves, in order, down to
 * single events; a failure that waiting can cure is tried again for a while, and then stops the
 * channel (the batch is not acknowledged); other failures stop it at once. The graph here answers
 * like Neo4j does when a transaction passes its timeout (that Neo4j really says so is checked in
 * MemoryEventsConsumerTest).
 */
class SlowOrAbsentGraphTest {

  private static final String TIMED_OUT =
      "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";

  /** Applies at most {@code fits} events per transaction; records every transaction it commits. */
  @Vetoed // not a bean of the Quarkus tests of this module
  static final class SlowGraph extends GraphUpdater {
    final int fits;
    final List<List<String>> committed = new ArrayList<>();

    SlowGraph(int fits) {
      super(null, null, null, null);
      this.fits = fits;
    }

    @Override
    public List<GraphWriter.Outcome> applyAll(List<MemoryEvent> events) {
      if (events.size() > fits) {
        throw new ClientException(TIMED_OUT, "The transaction has been terminated.");
      }
      committed.add(events.stream().map(MemoryEvent::memoryId).toList());
      return events.stream().map(e -> GraphWriter.Outcome.APPLIED).toList();
    }
  }

  private static MemoryEventsConsumer consumer(GraphUpdater graph) {
    MemoryEventsConsumer consumer = new MemoryEventsConsumer();
    consumer.updater = graph;
    consumer.registry = new SimpleMeterRegistry();
    consumer.retryFor = Duration.ofSeconds(2);
    consumer.firstBackoff = Duration.ofMillis(50);
    consumer.maxBackoff = Duration.ofMillis(400);
    return consumer;
  }

  private static List<String> records(int n) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(GraphFixtures.record(GraphFixtures.created("u-1", "m" + i, "I like tea " + i)));
    }
    return out;
  }

  @Test
  void aBatchTooSlowForOneTransactionIsAppliedInOrderedParts() throws Exception {
    SlowGraph graph = new SlowGraph(3);
    MemoryEventsConsumer consumer = consumer(graph);

    consumer.onBatch(records(10));

    // 10 → 5 + 5 → (2 + 3) + (2 + 3): every part fits, in the order of the batch.
    assertThat(graph.committed)
        .containsExactly(
            List.of("m0", "m1"),
            List.of("m2", "m3", "m4"),
            List.of("m5", "m6"),
            List.of("m7", "m8", "m9"));
    assertThat(consumer.registry.counter("graph_events_batch_splits").count()).isEqualTo(3);
  }

  @Test
  void aSingleEventStillOutOfTimeIsTriedAgainForAWhileThenStopsTheChannel() throws Exception {
    SlowGraph graph = new SlowGraph(0);
    MemoryEventsConsumer consumer = consumer(graph);

    long started = System.nanoTime();
    assertThatThrownBy(() -> consumer.onBatch(records(2)))
        .isInstanceOf(ClientException.class)
        .satisfies(e -> assertThat(((ClientException) e).code()).isEqualTo(TIMED_OUT));
    // Back-off 50, 100, 200, 400, 400, 400 ms… within the 2 s given, then the failure stands.
    assertThat(consumer.registry.counter("graph_events_retries").count()).isBetween(3.0, 8.0);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(graph.committed).isEmpty();
  }

  @Test
  void aGraphBackAfterAWhileGetsTheWholeBatch() throws Exception {
    List<String> committed = new ArrayList<>();
    int[] calls = {0};
    GraphUpdater restarting =
        new GraphUpdater(null, null, null, null) {
          @Override
          public List<GraphWriter.Outcome> applyAll(List<MemoryEvent> events) {
            if (++calls[0] <= 2) {
              throw new ServiceUnavailableException("Neo4j is restarting");
            }
            events.forEach(e -> committed.add(e.memoryId()));
            return events.stream().map(e -> GraphWriter.Outcome.APPLIED).toList();
          }
        };
    MemoryEventsConsumer consumer = consumer(restarting);

    consumer.onBatch(records(3));

    assertThat(committed).containsExactly("m0", "m1", "m2");
    assertThat(consumer.registry.counter("graph_events_retries").count()).isEqualTo(2);
  }

  @Test
  void otherClientErrorsAreNotSplit() throws Exception {
    List<Integer> sizes = new ArrayList<>();
    GraphUpdater forbidden =
        new GraphUpdater(null, null, null, null) {
          @Override
          public List<GraphWriter.Outcome> applyAll(List<MemoryEvent> events) {
            sizes.add(events.size());
            throw new ClientException("Neo.ClientError.Security.Forbidden", "no");
          }
        };

    assertThatThrownBy(() -> consumer(forbidden).onBatch(records(4)))
        .isInstanceOf(ClientException.class);
    assertThat(sizes).containsExactly(4);
  }
}
