package io.membank.graph.budget;

import io.membank.llm.budget.TenantBudgets;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code cost.budgets} from the beginning at every start (a consumer group of this instance's
 * own, nothing committed: the compacted topic is a table of the latest decision per tenant) and
 * keeps each tenant's decision for the entity extractor. SmallRye rather than a thread of our own:
 * the channel brings the dead-letter topic for unreadable records, the readiness check and the
 * reconnects; the handler is a map update, cheap enough for the event loop.
 */
@ApplicationScoped
public class BudgetDecisionsConsumer {

  /** Channel of {@code cost.budgets}. */
  public static final String CHANNEL = "cost-budgets";

  private static final Logger LOG = Logger.getLogger(BudgetDecisionsConsumer.class);

  private final TenantBudgets budgets;

  BudgetDecisionsConsumer(TenantBudgets budgets) {
    this.budgets = budgets;
  }

  /**
   * Obeys the decision from the next extraction on. An unreadable record is refused
   * (IllegalArgumentException: the channel sends it to {@code cost.budgets.dlq.graph-service}).
   */
  @Incoming(CHANNEL)
  public void onDecision(String value) {
    budgets
        .apply(TenantBudgets.parse(value))
        .ifPresent(c -> LOG.infof("graph.budget.changed %s", c.logFields()));
  }
}
