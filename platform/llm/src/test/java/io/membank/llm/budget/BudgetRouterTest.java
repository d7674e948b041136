package io.membank.llm.budget;

import static io.membank.llm.budget.TenantBudgetsTest.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.BudgetDecision.State;
import io.membank.llm.budget.BudgetRouter.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetRouterTest {

  private final TenantBudgets budgets = new TenantBudgets();
  private final List<String> made = new ArrayList<>();

  private BudgetRouter<String> router(Optional<String> configuredModel) {
    return new BudgetRouter<>(
        budgets,
        Optional.of("gpt-cheap"),
        "configured",
        "builtin",
        configuredModel,
        model -> {
          made.add(model);
          return "cheap:" + model;
        });
  }

  @Test
  void theRouteFollowsTheTenantsState() {
    BudgetRouter<String> router = router(Optional.of("gpt-big"));

    assertThat(router.forTenant("t1"))
        .isEqualTo(
            new BudgetRouter.Routed<>(
                budgets.choose("t1", Optional.empty()), Kind.MODEL, "gpt-big", "configured"));

    budgets.apply(decision("t1", State.DEGRADE, null, 1));
    BudgetRouter.Routed<String> degraded = router.forTenant("t1");
    assertThat(degraded.kind()).isEqualTo(Kind.DEGRADED_MODEL);
    assertThat(degraded.model()).isEqualTo("gpt-cheap");
    assertThat(degraded.extractor()).isEqualTo("cheap:gpt-cheap");
    router.forTenant("t1");
    assertThat(made).as("one extractor per cheaper model").containsExactly("gpt-cheap");

    budgets.apply(decision("t1", State.STOP, null, 2));
    BudgetRouter.Routed<String> stopped = router.forTenant("t1");
    assertThat(stopped.kind()).isEqualTo(Kind.BUILTIN);
    assertThat(stopped.extractor()).isEqualTo("builtin");
    assertThat(stopped.choice().stateName()).isEqualTo("stop");
    assertThat(Kind.DEGRADED_MODEL.wireName()).isEqualTo("degraded_model");
  }

  @Test
  void withoutAConfiguredModelTheBuiltInRulesRunInEveryState() {
    BudgetRouter<String> router = router(Optional.empty());
    budgets.apply(decision("t1", State.DEGRADE, "gpt-cheap", 1));

    BudgetRouter.Routed<String> routed = router.forTenant("t1");

    assertThat(routed.kind()).isEqualTo(Kind.BUILTIN);
    assertThat(routed.choice().state()).isEqualTo(State.DEGRADE);
    assertThat(made).isEmpty();
  }
}
