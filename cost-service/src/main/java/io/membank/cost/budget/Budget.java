package io.membank.cost.budget;

import io.membank.contracts.BudgetDecision.Period;
import io.membank.contracts.BudgetDecision.State;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A spending limit of one tenant ({@code tenantId} set) or of all tenants together ({@code
 * tenantId} null), per UTC day or month, with thresholds as fractions of the limit.
 */
public record Budget(
    @Schema(description = "The budget's id", example = "2b4d6f8a-0c1e-4a3b-9d5f-7e9a1c3e5b7d")
        UUID id,
    @Schema(
            description = "The tenant it limits; null for the global budget (all tenants together)",
            example = "acme",
            nullable = true)
        String tenantId,
    @Schema(description = "daily or monthly (UTC)", example = "monthly") Period period,
    @Schema(description = "The limit in USD per period", example = "50") BigDecimal limitUsd,
    @Schema(description = "Fraction of the limit from which the state is warn", example = "0.8")
        BigDecimal warnAt,
    @Schema(description = "Fraction of the limit from which the state is degrade", example = "0.9")
        BigDecimal degradeAt,
    @Schema(description = "Fraction of the limit from which the state is stop", example = "1.0")
        BigDecimal stopAt,
    @Schema(
            description = "The model to switch to in degrade; null: the built-in extractor",
            example = "gpt-4o-mini",
            nullable = true)
        String degradeModel,
    @Schema(description = "The budget's version, +1 per change", example = "1") long version,
    @Schema(description = "Who last changed it", example = "admin") String updatedBy,
    @Schema(description = "When it last changed", example = "2026-12-04T07:00:00Z")
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
