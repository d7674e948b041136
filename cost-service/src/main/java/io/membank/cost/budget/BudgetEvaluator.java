package io.membank.cost.budget;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.Period;
import io.membank.contracts.BudgetDecision.State;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.cost.audit.AuditTrail;
import io.membank.cost.config.CostConfig;
import io.membank.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Decides each tenant's budget state from its spend against its own and the global budgets, and
 * publishes a {@link BudgetDecision} on {@code cost.budgets} (through the outbox, audited) whenever
 * it changes. Runs after every priced usage and, for tenants that may need to return to normal
 * (period rollover), on a schedule.
 */
@ApplicationScoped
public class BudgetEvaluator {

  /**
   * Each tenant's state as a number, 0 normal, 1 warn, 2 degrade, 3 stop (Prometheus: {@code
   * cost_budget_state}); the CostBudgetWarn alert fires at 1 and above.
   */
  public static final String STATE_METRIC = "cost_budget_state";

  private static final Logger LOG = Logger.getLogger(BudgetEvaluator.class);

  /** How one budget stands: the state it asks for and the numbers behind it. */
  record Standing(Budget budget, State state, OffsetDateTime periodStart, BigDecimal spent) {}

  private final BudgetStore store;
  private final Outbox outbox;
  private final AuditTrail audit;
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

  private final CostConfig config;

  BudgetEvaluator(
      BudgetStore store,
      Outbox outbox,
      AuditTrail audit,
      MeterRegistry registry,
      CostConfig config) {
    this.config = config;
    this.store = store;
    this.outbox = outbox;
    this.audit = audit;
    this.registry = registry;
  }

  /**
   * The stored states, and the operator tenant's (global budgets apply to it too) from the start,
   * so the budget alert never reads a missing metric.
   */
  void exposeStoredStates(@Observes StartupEvent started) {
    config.operatorTenant().ifPresent(this::gauge);
    store.states().forEach(d -> gauge(d.tenantId()).set(d.state().ordinal()));
  }

  /** Evaluates the tenant now; a failure is logged, never thrown (the schedule retries it). */
  public void evaluateQuietly(String tenant) {
    try {
      evaluate(tenant, OffsetDateTime.now(ZoneOffset.UTC));
    } catch (RuntimeException e) {
      LOG.warnf("budget.evaluation.failed tenant=%s error=%s", tenant, e.getMessage());
    }
  }

  /** Re-evaluates every tenant whose state may change without new usage. */
  @Scheduled(
      every = "${membank.cost.budgets.recheck-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void recheck() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (String tenant : store.tenantsToRecheck(Budget.periodStart(Period.MONTHLY, now))) {
      try {
        evaluate(tenant, now);
      } catch (RuntimeException e) {
        LOG.warnf("budget.evaluation.failed tenant=%s error=%s", tenant, e.getMessage());
      }
    }
  }

  /**
   * Decides the tenant's state at {@code now}; the new decision when it differs from the last one
   * published (and was published), else empty.
   */
  @Transactional
  @WithSpan("BudgetEvaluator.evaluate")
  public Optional<BudgetDecision> evaluate(String tenant, OffsetDateTime now) {
    store.lockTenant(tenant);
    Optional<BudgetDecision> last = store.state(tenant);
    Optional<Standing> deciding = deciding(store.applicable(tenant), tenant, now);
    State state = deciding.map(Standing::state).orElse(State.NORMAL);
    if (last.isEmpty() && state == State.NORMAL) {
      return Optional.empty();
    }
    String degradeModel = deciding.map(s -> s.budget().degradeModel()).orElse(null);
    OffsetDateTime periodStart = deciding.map(Standing::periodStart).orElse(null);
    if (last.isPresent() && !changed(last.get(), state, degradeModel, periodStart)) {
      return Optional.empty();
    }
    BudgetDecision decision =
        new BudgetDecision(
            tenant,
            state,
            state == State.NORMAL ? null : degradeModel,
            deciding.map(s -> s.budget().period()).orElseGet(() -> last.orElseThrow().period()),
            periodStart != null ? periodStart : Budget.periodStart(last.get().period(), now),
            deciding.map(s -> s.spent().doubleValue()).orElse(0.0),
            deciding.map(s -> s.budget().limitUsd().doubleValue()).orElse(0.0),
            last.map(BudgetDecision::version).orElse(0L) + 1,
            now,
            deciding.map(BudgetEvaluator::reason).orElse("no budget applies"));
    publish(decision, last.map(BudgetDecision::state).orElse(State.NORMAL));
    return Optional.of(decision);
  }

  /** The standing that decides: the strictest state, ties and all-normal by the highest ratio. */
  private Optional<Standing> deciding(List<Budget> budgets, String tenant, OffsetDateTime now) {
    Standing best = null;
    for (Budget b : budgets) {
      OffsetDateTime start = Budget.periodStart(b.period(), now);
      BigDecimal spent = store.spentSince(b.global() ? null : tenant, start);
      Standing s = new Standing(b, b.stateAt(spent), start, spent);
      if (best == null
          || s.state().ordinal() > best.state().ordinal()
          || (s.state() == best.state() && ratio(s).compareTo(ratio(best)) > 0)) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean changed(
      BudgetDecision last, State state, String degradeModel, OffsetDateTime periodStart) {
    if (last.state() != state) {
      return true;
    }
    if (state == State.NORMAL) {
      return false;
    }
    return !Objects.equals(last.degradeModel(), degradeModel)
        || (periodStart != null && !last.periodStart().isEqual(periodStart));
  }

  private void publish(BudgetDecision decision, State previous) {
    store.saveState(decision);
    outbox.add(
        Topics.COST_BUDGETS,
        decision.tenantId(),
        EventTypes.COST_BUDGET_DECIDED,
        decision.tenantId(),
        decision.tenantId(),
        decision);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", BudgetStore.name(decision.state()));
    details.put("previous_state", BudgetStore.name(previous));
    details.put("period", BudgetStore.name(decision.period()));
    details.put("spent_usd", decision.spentUsd());
    details.put("limit_usd", decision.limitUsd());
    details.put("version", decision.version());
    audit.record(
        decision.tenantId(),
        AuditTrail.Actor.SYSTEM,
        AuditEvent.Action.MODIFY,
        "budget-state",
        decision.tenantId(),
        details);
    gauge(decision.tenantId()).set(decision.state().ordinal());
    LOG.infof(
        "budget.decided tenant=%s state=%s previous=%s version=%d",
        decision.tenantId(),
        details.get("state"),
        details.get("previous_state"),
        decision.version());
  }

  private AtomicInteger gauge(String tenant) {
    return gauges.computeIfAbsent(
        tenant, t -> registry.gauge(STATE_METRIC, Tags.of("tenant", t), new AtomicInteger()));
  }

  private static BigDecimal ratio(Standing s) {
    return s.spent().divide(s.budget().limitUsd(), 6, java.math.RoundingMode.HALF_UP);
  }

  private static String reason(Standing s) {
    return "%s %s budget: %s of %s USD spent"
        .formatted(
            s.budget().global() ? "global" : "tenant",
            BudgetStore.name(s.budget().period()),
            s.spent().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
            s.budget().limitUsd().toPlainString());
  }
}
