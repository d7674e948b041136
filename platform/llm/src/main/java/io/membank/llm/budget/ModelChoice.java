package io.membank.llm.budget;

import io.membank.contracts.BudgetDecision;

/**
 * Which extractor a tenant's next model call uses under its budget.
 *
 * @param state the budget state the choice was made under
 * @param route the configured model, a cheaper model, or the built-in rules (no model call)
 * @param cheaperModel the model to use when {@code route} is {@link Route#CHEAPER_MODEL}, else null
 */
public record ModelChoice(BudgetDecision.State state, Route route, String cheaperModel) {

  /** The ways a call can go, from most to least expensive. */
  public enum Route {
    /** The configured extractor (model or built-in, as configured). */
    CONFIGURED,
    /** The same OpenAI-compatible endpoint with a cheaper model. */
    CHEAPER_MODEL,
    /** The built-in rules extractor: no model call at all. */
    BUILT_IN
  }

  public ModelChoice {
    if ((route == Route.CHEAPER_MODEL) != (cheaperModel != null)) {
      throw new IllegalArgumentException("a cheaper model goes with route CHEAPER_MODEL only");
    }
  }

  /** The state's wire name ({@code normal}, {@code warn}, {@code degrade}, {@code stop}). */
  public String stateName() {
    return TenantBudgets.wire(state);
  }
}
