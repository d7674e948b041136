package io.membank.cost.ledger;

import io.membank.cost.ledger.LedgerStore.Recorded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Records priced usage, once per event id, and counts the spend. */
@ApplicationScoped
public class Ledger {

  /** Spend in USD by tenant, model and operation (Prometheus: {@code llm_cost_usd_total}). */
  public static final String COST_METRIC = "llm_cost_usd";

  /** The RFC's spend counter (Prometheus: {@code llm_cost_total}), which LLMCostHigh watches. */
  public static final String RFC_COST_METRIC = "llm_cost";

  /** Usage recorded without a price (Prometheus: {@code cost_usage_unpriced_total}). */
  public static final String UNPRICED_METRIC = "cost_usage_unpriced";

  private static final Logger LOG = Logger.getLogger(Ledger.class);

  private final LedgerStore store;
  private final MeterRegistry registry;

  Ledger(LedgerStore store, MeterRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  /**
   * Puts the RFC's spend counter on the scrape at zero before the first priced call, for the
   * built-in extractor's series (provider builtin, model rules: priced at $0 by the seed), so the
   * LLMCostHigh rule and the dashboards never read a missing metric.
   */
  void exposeCostCounter(@Observes StartupEvent started) {
    Counter.builder(RFC_COST_METRIC)
        .tags("provider", "builtin", "model", "rules", "operation", "extract")
        .description("Model spend in USD, priced by cost-service's ledger")
        .register(registry);
  }

  /** Records the usage; empty when it had been recorded before. */
  @WithSpan("Ledger.record")
  public Optional<Recorded> record(Usage usage) {
    Optional<Recorded> recorded = insert(usage);
    recorded.ifPresent(r -> count(usage, r));
    return recorded;
  }

  @Transactional
  Optional<Recorded> insert(Usage usage) {
    try {
      return store.insert(usage);
    } catch (SQLException e) {
      throw new IllegalStateException("usage not recorded: " + e.getMessage(), e);
    }
  }

  private void count(Usage usage, Recorded recorded) {
    double usd = recorded.costUsd().doubleValue();
    registry
        .counter(
            COST_METRIC,
            "tenant",
            usage.tenantId(),
            "model",
            usage.model(),
            "operation",
            usage.operation())
        .increment(usd);
    registry
        .counter(
            RFC_COST_METRIC,
            "provider",
            usage.provider(),
            "model",
            usage.model(),
            "operation",
            usage.operation())
        .increment(usd);
    if (!recorded.priced()) {
      registry
          .counter(UNPRICED_METRIC, "provider", usage.provider(), "model", usage.model())
          .increment();
      LOG.warnf(
          "usage.unpriced event_id=%s provider=%s model=%s",
          usage.eventId(), usage.provider(), usage.model());
    }
  }
}
