package io.membank.graph.events;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.service.GraphUpdater;
import io.membank.graph.store.GraphWriter;
import io.membank.http.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Keeps the graph in step with {@code memory.events}, a batch at a time and in order (events of one
 * memory share a partition). A record that is not a valid memory event, or that Neo4j refuses as
 * such (a client error: retrying cannot help), goes to the dead-letter topic; any other failure
 * (Neo4j unreachable) stops the channel before the batch is acknowledged, so it is consumed again
 * after a restart and nothing acknowledged is missing. A batch whose transaction runs out of time
 * is applied again in smaller parts.
 */
@ApplicationScoped
public class MemoryEventsConsumer {

  private static final Logger LOG = Logger.getLogger(MemoryEventsConsumer.class);
  private static final Pattern ID = Pattern.compile(Ids.PATTERN);
  private static final int TENANT_MAX = 128;

  @Inject GraphUpdater updater;
  @Inject MeterRegistry registry;

  @Inject
  @Channel("memory-events-dlq")
  Emitter<String> deadLetters;

  @Incoming("memory-events")
  @Blocking
  public void onBatch(List<String> payloads)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<MemoryEvent> events = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (String payload : payloads) {
      try {
        events.add(parse(payload));
        sources.add(payload);
      } catch (IllegalArgumentException e) {
        deadLetter(payload, e.getMessage());
      }
    }
    if (events.isEmpty()) {
      return;
    }
    List<GraphWriter.Outcome> outcomes = apply(events, sources);
    long applied = outcomes.stream().filter(o -> o == GraphWriter.Outcome.APPLIED).count();
    LOG.debugf(
        "graph.events.batch size=%d applied=%d stale=%d",
        payloads.size(), applied, outcomes.size() - applied);
  }

  /**
   * Applies the events in one transaction. One that runs out of time (a backlog of heavy batches
   * after an outage, a busy database) is applied again in two halves, in order, down to single
   * events: a batch too big for the timeout must not stop the channel. Halves that committed before
   * a later one fails are stale when the batch is consumed again.
   */
  private List<GraphWriter.Outcome> apply(List<MemoryEvent> events, List<String> sources)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return updater.applyAll(events);
    } catch (ClientException e) {
      if (timedOut(e) && events.size() > 1) {
        int half = events.size() / 2;
        LOG.warnf(
            "graph.events.batch_split size=%d halves=%d,%d reason=transaction_timeout",
            events.size(), half, events.size() - half);
        registry.counter("graph_events_batch_splits").increment();
        List<GraphWriter.Outcome> outcomes =
            new ArrayList<>(apply(events.subList(0, half), sources.subList(0, half)));
        outcomes.addAll(
            apply(events.subList(half, events.size()), sources.subList(half, sources.size())));
        return outcomes;
      }
      if (!refusesTheData(e)) {
        throw e; // credentials, permissions, a lone event out of time: ours, not the events'
      }
      // One event of the batch is refused, and the batch was rolled back: find it.
      List<GraphWriter.Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        try {
          outcomes.add(updater.apply(events.get(i)));
        } catch (ClientException refused) {
          if (!refusesTheData(refused)) {
            throw refused;
          }
          deadLetter(
              sources.get(i),
              "refused by the graph: " + refused.code() + " " + refused.getMessage());
        }
      }
      return outcomes;
    }
  }

  private void deadLetter(String payload, String reason)
      throws InterruptedException, ExecutionException, TimeoutException {
    LOG.warnf("graph.events.poison reason=%s", reason);
    deadLetters.send(payload).toCompletableFuture().get(10, TimeUnit.SECONDS);
    registry.counter("graph_events_dead_lettered").increment();
  }

  /** The transaction ran past the timeout it was started with (the driver's or the server's). */
  public static boolean timedOut(ClientException e) {
    return e.code() != null
        && e.code().startsWith("Neo.ClientError.Transaction.TransactionTimedOut");
  }

  /** Neo4j refused the statement for this event's data (a type, size or constraint error). */
  static boolean refusesTheData(ClientException e) {
    String code = e.code() == null ? "" : e.code();
    return code.startsWith("Neo.ClientError.Statement.")
        || code.startsWith("Neo.ClientError.Schema.");
  }

  static MemoryEvent parse(String payload) {
    MemoryEvent event = MemoryEvent.fromRecord(payload);
    // Ids are keys of the graph's unique indexes: bounded and printable, as every API says.
    if (!ID.matcher(event.memoryId()).matches()
        || !ID.matcher(event.userId()).matches()
        || event.tenantId().length() > TENANT_MAX) {
      throw new IllegalArgumentException("memory event with an invalid memory, user or tenant id");
    }
    return event;
  }
}
