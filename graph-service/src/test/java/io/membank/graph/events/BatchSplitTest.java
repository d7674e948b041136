package io.membank.graph.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.GraphFixtures;
import io.membank.graph.service.GraphUpdater;
import io.membank.graph.store.GraphWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Vetoed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;

/**
 * A batch whose graph transaction runs out of time is applied again in halves, in order, down to
 * single events; a single event that still runs out of time stops the channel (the batch is not
 * acknowledged). The graph here answers like Neo4j does when a transaction passes its timeout (that
 * Neo4j really says so is checked in MemoryEventsConsumerTest).
 */
class BatchSplitTest {

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
  void aSingleEventOutOfTimeStopsTheChannel() throws Exception {
    MemoryEventsConsumer consumer = consumer(new SlowGraph(0));

    assertThatThrownBy(() -> consumer.onBatch(records(2)))
        .isInstanceOf(ClientException.class)
        .satisfies(e -> assertThat(((ClientException) e).code()).isEqualTo(TIMED_OUT));
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
