package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Data of {@code diagnostics.events}: a diagnosis opened or resolved, a healing action's step, or a
 * predicted exhaustion. {@code kind} says which of the optional parts is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiagnosticsEvent(
    Kind kind,
    @JsonProperty("occurred_at") OffsetDateTime occurredAt,
    Diagnosis diagnosis,
    Action action,
    Prediction prediction) {

  /** What happened. */
  public enum Kind {
    @JsonProperty("diagnosis_opened")
    DIAGNOSIS_OPENED,
    @JsonProperty("diagnosis_resolved")
    DIAGNOSIS_RESOLVED,
    @JsonProperty("action_recorded")
    ACTION_RECORDED,
    @JsonProperty("exhaustion_predicted")
    EXHAUSTION_PREDICTED
  }

  /** A root cause found from symptoms. */
  public record Diagnosis(
      String id,
      @JsonProperty("issue_id") String issueId,
      String title,
      String severity,
      double confidence,
      List<String> components,
      String status) {}

  /** A healing action at one step (planned, refused, executed, verified, rolled back...). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Action(
      String id,
      @JsonProperty("diagnosis_id") String diagnosisId,
      String type,
      String target,
      String status,
      String reason,
      @JsonProperty("dry_run") boolean dryRun) {}

  /** A resource forecast to run out inside the horizon. */
  public record Prediction(
      String component,
      String metric,
      double current,
      double limit,
      @JsonProperty("exhausted_at") OffsetDateTime exhaustedAt,
      @JsonProperty("earliest_at") OffsetDateTime earliestAt) {}
}
