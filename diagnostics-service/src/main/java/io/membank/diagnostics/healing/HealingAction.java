package io.membank.diagnostics.healing;

import io.membank.diagnostics.knowledge.ActionType;
import io.membank.diagnostics.knowledge.Risk;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One healing action and where it stands. */
public record HealingAction(
    UUID id,
    UUID diagnosisId,
    ActionType type,
    String target,
    Map<String, String> parameters,
    Risk risk,
    ActionStatus status,
    String reason,
    boolean dryRun,
    Map<String, String> previousState,
    Instant createdAt,
    Instant executedAt,
    Instant verifyAt,
    Instant finishedAt,
    String approvedBy) {

  HealingAction advance(ActionStatus next, String why) {
    return new HealingAction(
        id,
        diagnosisId,
        type,
        target,
        parameters,
        risk,
        next,
        why,
        dryRun,
        previousState,
        createdAt,
        executedAt,
        verifyAt,
        finishedAt,
        approvedBy);
  }
}
