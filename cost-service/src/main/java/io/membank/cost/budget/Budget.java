package io.membank.cost.budget;

import io.membank.contracts.BudgetDecision.Period;
import io.membank.contracts.BudgetDecision.State;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A spending limit of one tenant ({@code tenantId} set) or of all tenants together ({@code
 * tenantId} null), per UTC day or month, with thresholds as fractions of the limit.
 */
public record Budget(
    UUID id,
    String tenantId,
    Period period,
    BigDecimal limitUsd,
    BigDecimal warnAt,
    BigDecimal degradeAt,
    BigDecimal stopAt,
    String degradeModel,
    long version,
    String updatedBy,
    OffsetDateTime updatedAt) {

  /** Whether this budget caps the spend of all tenants together. */
  public boolean global() {
    return tenantId == null;
  }

  /** The state spending {@code spent} of this budget puts a tenant in. */
  public State stateAt(BigDecimal spent) {
    BigDecimal ratio = spent.divide(limitUsd, 6, RoundingMode.HALF_UP);
    if (ratio.compareTo(stopAt) >= 0) {
      return State.STOP;
    }
    if (ratio.compareTo(degradeAt) >= 0) {
      return State.DEGRADE;
    }
    if (ratio.compareTo(warnAt) >= 0) {
      return State.WARN;
    }
    return State.NORMAL;
  }

  /** The start of the period holding the instant (UTC day or month). */
  public static OffsetDateTime periodStart(Period period, OffsetDateTime at) {
    OffsetDateTime day = at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    return period == Period.DAILY ? day : day.withDayOfMonth(1);
  }
}
