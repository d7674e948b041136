package io.membank.llm.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.State;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.llm.budget.ModelChoice.Route;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantBudgetsTest {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 4, 7, 0, 0, 0, ZoneOffset.UTC);

  static BudgetDecision decision(String tenant, State state, String degradeModel, long version) {
    return new BudgetDecision(
        tenant,
        state,
        degradeModel,
        BudgetDecision.Period.DAILY,
        NOW.withHour(0),
        1.5,
        2.0,
        version,
        NOW,
        "tenant daily budget");
  }

  @Test
  void aTenantWithoutADecisionUsesTheConfiguredExtractor() {
    ModelChoice choice = new TenantBudgets().choose("t1", Optional.of("cheap"));

    assertThat(choice).isEqualTo(new ModelChoice(State.NORMAL, Route.CONFIGURED, null));
    assertThat(choice.stateName()).isEqualTo("normal");
  }

  @Test
  void eachStateRoutesTheCallItsWay() {
    TenantBudgets budgets = new TenantBudgets();
    Optional<String> configured = Optional.of("gpt-cheap");

    budgets.apply(decision("t1", State.WARN, null, 1));
    assertThat(budgets.choose("t1", configured).route()).isEqualTo(Route.CONFIGURED);

    budgets.apply(decision("t1", State.DEGRADE, null, 2));
    assertThat(budgets.choose("t1", configured))
        .isEqualTo(new ModelChoice(State.DEGRADE, Route.CHEAPER_MODEL, "gpt-cheap"));
    assertThat(budgets.choose("t1", Optional.empty()))
        .isEqualTo(new ModelChoice(State.DEGRADE, Route.BUILT_IN, null));
    assertThat(budgets.choose("t1", Optional.of(" ")).route()).isEqualTo(Route.BUILT_IN);

    budgets.apply(decision("t1", State.DEGRADE, "budget-model", 3));
    assertThat(budgets.choose("t1", configured).cheaperModel()).isEqualTo("budget-model");

    budgets.apply(decision("t1", State.STOP, "budget-model", 4));
    assertThat(budgets.choose("t1", configured))
        .isEqualTo(new ModelChoice(State.STOP, Route.BUILT_IN, null));
    assertThat(budgets.choose("t2", configured).state()).isEqualTo(State.NORMAL);
  }

  @Test
  void aChangeIsReportedOncePerStateChangeAndStaleVersionsAreIgnored() {
    TenantBudgets budgets = new TenantBudgets();

    assertThat(budgets.apply(decision("t1", State.WARN, null, 1)))
        .contains(new TenantBudgets.Change(State.NORMAL, decision("t1", State.WARN, null, 1)));
    assertThat(budgets.apply(decision("t1", State.WARN, null, 1))).isEmpty();
    assertThat(budgets.apply(decision("t1", State.WARN, "m", 2))).isEmpty();
    assertThat(budgets.apply(decision("t1", State.STOP, null, 1))).isEmpty();
    assertThat(budgets.decisionOf("t1").orElseThrow().version()).isEqualTo(2);
    assertThat(budgets.apply(decision("t1", State.NORMAL, null, 3)).orElseThrow().previous())
        .isEqualTo(State.WARN);
    assertThat(budgets.size()).isEqualTo(1);
  }

  @Test
  void aCostBudgetsRecordIsReadAndPoisonIsRefused() throws Exception {
    BudgetDecision d = decision("t1", State.STOP, null, 7);
    String value =
        JSON.writeValueAsString(
            CloudEvent.of(EventTypes.COST_BUDGET_DECIDED, "/cost-service", "t1", "t1", d));

    assertThat(TenantBudgets.parse(value)).isEqualTo(d);
    assertThatThrownBy(() -> TenantBudgets.parse("not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TenantBudgets.parse("")).isInstanceOf(IllegalArgumentException.class);
    String otherType =
        JSON.writeValueAsString(CloudEvent.of(EventTypes.LLM_USAGE_RECORDED, "/x", "t1", "t1", d));
    assertThatThrownBy(() -> TenantBudgets.parse(otherType))
        .hasMessageContaining("unexpected type");
    String spoofed =
        JSON.writeValueAsString(
            CloudEvent.of(EventTypes.COST_BUDGET_DECIDED, "/cost-service", "t1", "t2", d));
    assertThatThrownBy(() -> TenantBudgets.parse(spoofed)).hasMessageContaining("tenant");
  }
}
