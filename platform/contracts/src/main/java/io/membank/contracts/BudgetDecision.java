package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Data of {@code cost.budgets}: the budget state a tenant's model calls must obey, decided by
 * cost-service. The topic is compacted and keyed by tenant, so a consumer that reads it from the
 * beginning ends with the latest decision per tenant; a decision with a lower {@code version} than
 * one already applied is stale and must be ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetDecision(
    @Schema(description = "The tenant", example = "acme") @JsonProperty("tenant_id")
        String tenantId,
    @Schema(
            description =
                "What the tenant's model calls may do: normal, warn, degrade (cheaper model or built-in) or stop (built-in only)",
            example = "normal")
        State state,
    @Schema(
            description = "The model to use in degrade (absent: the built-in extractor)",
            example = "gpt-4.1-nano")
        @JsonProperty("degrade_model")
        String degradeModel,
    @Schema(description = "The budget period decided on: daily or monthly", example = "monthly")
        Period period,
    @Schema(description = "The start of that period", example = "2026-12-01T00:00:00Z")
        @JsonProperty("period_start")
        OffsetDateTime periodStart,
    @Schema(description = "USD spent in the period", example = "0.42") @JsonProperty("spent_usd")
        double spentUsd,
    @Schema(description = "The period's limit in USD", example = "50") @JsonProperty("limit_usd")
        double limitUsd,
    @Schema(
            description = "The decision's version; a lower one than already applied is stale",
            example = "3")
        long version,
    @Schema(description = "When it was decided", example = "2026-12-04T07:00:00Z")
        @JsonProperty("decided_at")
        OffsetDateTime decidedAt,
    @Schema(description = "Why", example = "spend 0.8% of the monthly limit") String reason) {

  /** What the tenant's model calls may do, from cheapest to strictest. */
  public enum State {
    /** Use the configured model. */
    @JsonProperty("normal")
    NORMAL,
    /** Use the configured model; spend is near the limit and an alert was raised. */
    @JsonProperty("warn")
    WARN,
    /** Use {@code degrade_model}, or the built-in extractor when it is null. */
    @JsonProperty("degrade")
    DEGRADE,
    /** No model calls: the built-in extractor does the work; writes are still accepted. */
    @JsonProperty("stop")
    STOP
  }

  /** The budget period the decision was taken for. */
  public enum Period {
    @JsonProperty("daily")
    DAILY,
    @JsonProperty("monthly")
    MONTHLY
  }
}
