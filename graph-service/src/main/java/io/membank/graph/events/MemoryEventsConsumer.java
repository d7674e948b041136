package io.membank.graph.events;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.service.GraphUpdater;
import io.membank.graph.store.GraphWriter;
import io.membank.http.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
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
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransactionTerminatedException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Keeps the graph in step with {@code memory.events}, a batch at a time and in order (events of one
 * memory share a partition). A record that is not a valid memory event, or that Neo4j refuses as
 * such (a client error: retrying cannot help), goes to the dead-letter topic; any other failure is
 * tried again for a while when waiting can cure it (Neo4j unreachable, restarting, slow), and then
 * stops the channel before the batch is acknowledged, so it is consumed again after a restart and
 * nothing acknowledged is missing. A batch whose transaction runs out of time is applied again in
 * smaller parts first.
 */
@ApplicationScoped
public class MemoryEventsConsumer {

  private static final Logger LOG = Logger.getLogger(MemoryEventsConsumer.class);
  private static final Pattern ID = Pattern.compile(Ids.PATTERN);
  private static final int TENANT_MAX = 128;

  /**
   * How long a batch is tried again: long enough for a cold Neo4j on a busy machine (a freshly
   * started stack timed out its first writes for over 45 s), under the connector's unprocessed
   * record bound ({@code throttled.unprocessed-record-max-age.ms}, 5 min in
   * application.properties).
   */
  Duration retryFor = Duration.ofMinutes(4);

  Duration firstBackoff = Duration.ofMillis(500);
  Duration maxBackoff = Duration.ofSeconds(8);

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
    List<GraphWriter.Outcome> outcomes = applyRetrying(events, sources);
    long applied = outcomes.stream().filter(o -> o == GraphWriter.Outcome.APPLIED).count();
    LOG.debugf(
        "graph.events.batch size=%d applied=%d stale=%d",
        payloads.size(), applied, outcomes.size() - applied);
  }

  /**
   * Applies the batch, trying again while the graph fails for a passing reason (a transaction that
   * ran out of time even as a single event, Neo4j unreachable or restarting past the driver's own
   * retries): back-off from 0.5 s doubling to 8 s, for at most 4 min — under the Kafka connector's
   * 5 min bound on an unprocessed record. Then, or for any other failure, the exception stops the
   * channel with the batch unacknowledged. Parts applied before a failure are stale when tried
   * again.
   */
  private List<GraphWriter.Outcome> applyRetrying(List<MemoryEvent> events, List<String> sources)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + retryFor.toNanos();
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return apply(events, sources);
      } catch (RuntimeException e) {
        if (!passing(e) || System.nanoTime() + backoff.toNanos() > deadline) {
          throw e;
        }
        LOG.warnf(
            "graph.events.retry size=%d attempt=%d backoff_ms=%d reason=%s: %s",
            events.size(),
            attempt,
            backoff.toMillis(),
            e instanceof Neo4jException n ? n.code() : e.getClass().getSimpleName(),
            e.getMessage());
        registry.counter("graph_events_retries").increment();
        Thread.sleep(backoff.toMillis());
        backoff =
            backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                ? maxBackoff
                : backoff.multipliedBy(2);
      }
    }
  }

  /** A failure that waiting can cure: out of time, unreachable, restarting, transient. */
  static boolean passing(RuntimeException e) {
    return e instanceof ServiceUnavailableException
        || e instanceof SessionExpiredException
        || e instanceof TransientException
        || e instanceof TransactionTerminatedException
        || (e instanceof ClientException c && timedOut(c));
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
