package io.membank.memory.budget;

import io.membank.contracts.BudgetDecision;
import io.membank.llm.budget.TenantBudgets;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code cost.budgets} from the beginning at every start (a consumer group of this instance's
 * own, nothing committed: the compacted topic is a table of the latest decision per tenant) and
 * keeps each tenant's decision for the extractors. SmallRye rather than a thread of our own: the
 * channel brings the dead-letter topic for unreadable records, the readiness check and the
 * connector's reconnects; the handler is a map update and one small transaction.
 */
@ApplicationScoped
public class BudgetDecisionsConsumer {

  /** Channel of {@code cost.budgets}. */
  public static final String CHANNEL = "cost-budgets";

  /** Counter of decisions whose audit could not be written (retried at the next start). */
  static final String AUDIT_FAILED = "memory_budget_audit_failed";

  private static final Logger LOG = Logger.getLogger(BudgetDecisionsConsumer.class);

  private final TenantBudgets budgets;
  private final BudgetStateLog stateLog;
  private final MeterRegistry registry;

  BudgetDecisionsConsumer(TenantBudgets budgets, BudgetStateLog stateLog, MeterRegistry registry) {
    this.budgets = budgets;
    this.stateLog = stateLog;
    this.registry = registry;
  }

  /**
   * Obeys the decision at once, then audits a change of state. An unreadable record is refused
   * (IllegalArgumentException: the channel sends it to {@code cost.budgets.dlq.memory-service}).
   */
  @Incoming(CHANNEL)
  @Blocking
  public void onDecision(String value) {
    BudgetDecision d = TenantBudgets.parse(value);
    budgets.apply(d).ifPresent(c -> LOG.infof("memory.budget.changed %s", c.logFields()));
    try {
      stateLog.record(d);
    } catch (RuntimeException e) {
      // The decision is obeyed already; the state row was not written, so the next start (which
      // reads the topic again) audits the change then.
      registry.counter(AUDIT_FAILED).increment();
      LOG.warnf(
          "memory.budget.audit_failed tenant=%s version=%d error=%s",
          d.tenantId(), d.version(), e.getMessage());
    }
  }
}
