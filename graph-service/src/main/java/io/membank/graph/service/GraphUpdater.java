package io.membank.graph.service;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.extract.Extraction;
import io.membank.graph.extract.ExtractionInput;
import io.membank.graph.extract.Extractor;
import io.membank.graph.store.GraphWriter;
import io.membank.llm.budget.BudgetRouter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Applies one memory event to the graph. Events are idempotent by memory id and version: one that
 * is not newer than what the graph holds changes nothing. Entities and relationships are derived
 * again only when what they come from (content, named entities) changed, so an invalidation keeps
 * the memory's relationships and closes them.
 */
@ApplicationScoped
public class GraphUpdater {

  private static final Logger LOG = Logger.getLogger(GraphUpdater.class);

  private final GraphWriter writer;
  private final BudgetRouter<Extractor> extractors;
  private final UsageRecorder usage;
  private final MeterRegistry registry;

  @Inject
  public GraphUpdater(
      GraphWriter writer,
      BudgetRouter<Extractor> extractors,
      UsageRecorder usage,
      MeterRegistry registry) {
    this.writer = writer;
    this.extractors = extractors;
    this.usage = usage;
    this.registry = registry;
  }

  /** Applies one event; says whether it changed anything. */
  public GraphWriter.Outcome apply(MemoryEvent event) {
    return applyAll(List.of(event)).get(0);
  }

  /**
   * Applies events in order, in one graph transaction; says for each whether it changed anything.
   * Nothing is applied if the transaction fails.
   */
  @WithSpan("GraphUpdater.applyAll")
  public List<GraphWriter.Outcome> applyAll(List<MemoryEvent> events) {
    Timer.Sample sample = Timer.start(registry);
    Map<String, GraphWriter.Stored> held = new HashMap<>(writer.stored(events));
    List<GraphWriter.Change> changes = new ArrayList<>();
    List<Integer> changed = new ArrayList<>();
    GraphWriter.Outcome[] outcomes = new GraphWriter.Outcome[events.size()];
    for (int i = 0; i < events.size(); i++) {
      MemoryEvent event = events.get(i);
      String key = GraphWriter.key(event.tenantId(), event.memoryId());
      GraphWriter.Stored stored = held.getOrDefault(key, new GraphWriter.Stored(0, null));
      if (event.version() <= stored.version()) {
        LOG.debugf(
            "graph.event.stale memory_id=%s version=%d held=%d",
            event.memoryId(), event.version(), stored.version());
        outcomes[i] = GraphWriter.Outcome.STALE;
        continue;
      }
      GraphWriter.Change change = change(event, stored);
      held.put(key, new GraphWriter.Stored(event.version(), change.derivation()));
      changes.add(change);
      changed.add(i);
    }
    List<GraphWriter.Outcome> written = writer.apply(changes);
    for (int j = 0; j < written.size(); j++) {
      outcomes[changed.get(j)] = written.get(j);
    }
    sample.stop(
        Timer.builder("graph_write_duration")
            .description("Time to apply one batch of memory events to the graph")
            .publishPercentileHistogram()
            .register(registry));
    for (int i = 0; i < events.size(); i++) {
      registry
          .counter(
              "graph_writes",
              "operation",
              events.get(i).operation().name().toLowerCase(Locale.ROOT),
              "outcome",
              outcomes[i].name().toLowerCase(Locale.ROOT))
          .increment();
    }
    return Arrays.asList(outcomes);
  }

  /**
   * What to write for a newer event: extraction only when what it derives from changed, with the
   * extractor the tenant's budget allows (cost.budgets: degrade → cheaper model or built-in rules,
   * stop → built-in rules).
   */
  private GraphWriter.Change change(MemoryEvent event, GraphWriter.Stored stored) {
    if (event.operation() == MemoryEvent.Operation.DELETED) {
      return new GraphWriter.Change(event, null, null);
    }
    String derivation = derivation(event);
    if (derivation.equals(stored.derivation())) {
      return new GraphWriter.Change(event, null, derivation);
    }
    Extraction extraction =
        extractors
            .forTenant(event.tenantId())
            .extractor()
            .extract(new ExtractionInput(event.content(), event.entities(), event.createdAt()));
    if (extraction.usage() != null) {
      usage.record(event, extraction.usage());
    }
    LOG.debugf(
        "graph.memory.derived memory_id=%s user_id=%s entities=%d relations=%d",
        event.memoryId(),
        event.userId(),
        extraction.entities().size(),
        extraction.relations().size());
    return new GraphWriter.Change(event, extraction, derivation);
  }

  /** Fingerprint of what the memory's entities are derived from. */
  static String derivation(MemoryEvent event) {
    StringBuilder s = new StringBuilder(event.content() == null ? "" : event.content());
    List<String> entities = event.entities() == null ? List.of() : event.entities();
    entities.stream().sorted().forEach(e -> s.append('\u0000').append(e));
    s.append('\u0000').append(event.createdAt());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
