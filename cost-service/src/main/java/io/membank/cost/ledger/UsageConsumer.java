package io.membank.cost.ledger;

import io.membank.cost.budget.BudgetEvaluator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code llm.usage}: each event is priced and recorded once, then the tenant's budgets are
 * evaluated. A record that cannot be read goes to {@code llm.usage.dlq.cost-service} (the channel's
 * failure strategy); nothing is dropped.
 */
@ApplicationScoped
public class UsageConsumer {

  /** The channel carrying {@code llm.usage}. */
  public static final String CHANNEL = "llm-usage";

  private final Ledger ledger;
  private final BudgetEvaluator budgets;

  UsageConsumer(Ledger ledger, BudgetEvaluator budgets) {
    this.ledger = ledger;
    this.budgets = budgets;
  }

  @Incoming(CHANNEL)
  @Blocking(ordered = true)
  public void consume(String record) {
    Usage usage = UsageParser.parse(record);
    if (ledger.record(usage).isPresent()) {
      budgets.evaluateQuietly(usage.tenantId());
    }
  }
}
