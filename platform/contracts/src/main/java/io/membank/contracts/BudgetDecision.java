package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * Data of {@code cost.budgets}: the budget state a tenant's model calls must obey, decided by
 * cost-service. The topic is compacted and keyed by tenant, so a consumer that reads it from the
 * beginning ends with the latest decision per tenant; a decision with a lower {@code version} than
 * one already applied is stale and must be ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetDecision(
    @JsonProperty("tenant_id") String tenantId,
    State state,
    @JsonProperty("degrade_model") String degradeModel,
    Period period,
    @JsonProperty("period_start") OffsetDateTime periodStart,
    @JsonProperty("spent_usd") double spentUsd,
    @JsonProperty("limit_usd") double limitUsd,
    long version,
    @JsonProperty("decided_at") OffsetDateTime decidedAt,
    String reason) {

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
