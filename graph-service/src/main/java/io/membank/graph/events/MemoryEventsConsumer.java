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
 * after a restart and nothing acknowledged is missing.
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
    List<GraphWriter.Outcome> outcomes;
    try {
      outcomes = updater.applyAll(events);
    } catch (ClientException e) {
      if (!refusesTheData(e)) {
        throw e; // credentials, permissions, …: our problem, not the events'
      }
      // One event of the batch is refused, and the batch was rolled back: find it.
      outcomes = new ArrayList<>();
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
    }
    long applied = outcomes.stream().filter(o -> o == GraphWriter.Outcome.APPLIED).count();
    LOG.debugf(
        "graph.events.batch size=%d applied=%d stale=%d",
        payloads.size(), applied, outcomes.size() - applied);
  }

  private void deadLetter(String payload, String reason)
      throws InterruptedException, ExecutionException, TimeoutException {
    LOG.warnf("graph.events.poison reason=%s", reason);
    deadLetters.send(payload).toCompletableFuture().get(10, TimeUnit.SECONDS);
    registry.counter("graph_events_dead_lettered").increment();
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
