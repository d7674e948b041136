package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Data of {@code governance.results} for a {@link RetentionRequested}: per rule, what one service
 * deleted and what a legal hold kept.
 */
public record RetentionApplied(
    @JsonProperty("run_id") String runId,
    @JsonProperty("tenant_id") String tenantId,
    String service,
    int attempt,
    List<RuleResult> results,
    @JsonProperty("applied_at") OffsetDateTime appliedAt) {

  /**
   * One rule's counts.
   *
   * @param rule the policy id, or {@link RetentionRequested#EXPIRED_RULE}
   * @param erased items deleted
   * @param keptByHold items past their time that a legal hold kept
   */
  public record RuleResult(
      String rule, long erased, @JsonProperty("kept_by_hold") long keptByHold) {}
}
