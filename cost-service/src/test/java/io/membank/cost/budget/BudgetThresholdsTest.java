package io.membank.cost.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.BudgetDecision.Period;
import io.membank.contracts.BudgetDecision.State;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BudgetThresholdsTest {

  private static final Budget TEN_DOLLARS_A_DAY =
      new Budget(
          null,
          "acme",
          Period.DAILY,
          new BigDecimal("10"),
          new BigDecimal("0.8"),
          new BigDecimal("0.9"),
          new BigDecimal("1.0"),
          "gpt-4o-mini",
          1,
          "u",
          null);

  @Test
  void eachThresholdIsReachedAtItsFractionOfTheLimit() {
    assertThat(TEN_DOLLARS_A_DAY.stateAt(new BigDecimal("7.99"))).isEqualTo(State.NORMAL);
    assertThat(TEN_DOLLARS_A_DAY.stateAt(new BigDecimal("8.00"))).isEqualTo(State.WARN);
    assertThat(TEN_DOLLARS_A_DAY.stateAt(new BigDecimal("9.00"))).isEqualTo(State.DEGRADE);
    assertThat(TEN_DOLLARS_A_DAY.stateAt(new BigDecimal("10.00"))).isEqualTo(State.STOP);
    assertThat(TEN_DOLLARS_A_DAY.stateAt(new BigDecimal("250"))).isEqualTo(State.STOP);
  }

  @Test
  void periodsStartAtTheUtcDayAndMonth() {
    OffsetDateTime at = OffsetDateTime.of(2026, 12, 4, 1, 30, 0, 0, ZoneOffset.ofHours(3));

    assertThat(Budget.periodStart(Period.DAILY, at))
        .isEqualTo(OffsetDateTime.of(2026, 12, 3, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(Budget.periodStart(Period.MONTHLY, at))
        .isEqualTo(OffsetDateTime.of(2026, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC));
  }
}
