package io.membank.diagnostics.api;

import io.membank.diagnostics.diagnosis.Diagnosis;
import io.membank.diagnostics.diagnosis.DiagnosisService;
import io.membank.diagnostics.healing.HealingAction;
import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.predict.Forecast;
import io.membank.diagnostics.predict.MaintenanceWindow;
import io.membank.diagnostics.symptom.Symptom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the diagnostics API answers (snake_case on the wire); mapped from the domain here. */
public final class DiagnosticsDtos {

  private DiagnosticsDtos() {}

  /** One symptom: what, where, how bad, since when, and the query that shows it. */
  public record SymptomView(
      @Schema(description = "What kind of symptom", example = "high_consumer_lag") String type,
      @Schema(description = "info, warning or critical", example = "warning") String severity,
      @Schema(description = "Where it shows: a service, store or topic", example = "search-service")
          String component,
      @Schema(description = "The metric that shows it", example = "kafka_consumer_lag")
          String metric,
      @Schema(description = "The metric's value", example = "12000") double value,
      @Schema(description = "The threshold it crossed", example = "10000") double threshold,
      @Schema(description = "Since when it holds", example = "2026-12-04T06:55:00Z") Instant since,
      @Schema(description = "How long it has held, in seconds", example = "300")
          long durationSeconds,
      @Schema(description = "The rule or model that detected it", example = "threshold")
          String detector,
      @Schema(
              description = "The PromQL query that shows it",
              example = "max(kafka_consumer_lag{service=\"search-service\"})")
          String evidenceQuery) {

    static SymptomView of(Symptom s) {
      return new SymptomView(
          s.type().key(),
          s.severity().key(),
          s.component(),
          s.metric().key(),
          s.value(),
          s.threshold(),
          s.since(),
          s.durationSeconds(),
          s.detector().key(),
          s.evidence());
    }
  }

  /** A recommended solution and the action it maps to. */
  public record SolutionView(
      @Schema(description = "What the solution does", example = "Restart the consumer")
          String description,
      @Schema(
              description = "The healing action it maps to",
              example = "restart_consumer",
              nullable = true)
          String action,
      @Schema(description = "What the action acts on", example = "search-service", nullable = true)
          String target,
      @Schema(description = "The action's parameters") Map<String, String> parameters,
      @Schema(description = "low, medium or high", example = "low") String risk,
      @Schema(
              description = "Whether it may run without approval (behind the safeguards)",
              example = "true")
          boolean automatic) {

    static SolutionView of(KnownIssue.Solution s) {
      return new SolutionView(
          s.description(),
          s.action().key(),
          s.target(),
          s.parameters() == null ? Map.of() : s.parameters(),
          s.risk().key(),
          s.automatic());
    }
  }

  /** A diagnosis; {@code actions} only on the single-diagnosis read. */
  public record DiagnosisView(
      @Schema(description = "The diagnosis's id", example = "4e6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e")
          String id,
      @Schema(description = "The known issue it matches", example = "consumer-stuck")
          String issueId,
      @Schema(description = "The issue's title", example = "A consumer stopped making progress")
          String title,
      @Schema(
              description = "The likely root cause",
              example = "The consumer's poll loop is blocked")
          String rootCause,
      @Schema(description = "info, warning or critical", example = "warning") String severity,
      @Schema(description = "How sure the match is, 0 to 1", example = "0.85") double confidence,
      @Schema(
              description = "Its rank among the diagnoses of the same symptoms (1 = most likely)",
              example = "1")
          int rank,
      @Schema(description = "open or resolved", example = "open") String status,
      @Schema(description = "The components involved", example = "[\"search-service\"]")
          List<String> components,
      @Schema(description = "The symptoms it explains") List<SymptomView> symptoms,
      @Schema(description = "The recommended solutions, best first") List<SolutionView> solutions,
      @Schema(description = "What to check to confirm it") List<String> evidenceChecks,
      @Schema(description = "When it was first diagnosed", example = "2026-12-04T06:55:00Z")
          Instant firstSeenAt,
      @Schema(description = "When it was last confirmed", example = "2026-12-04T07:00:00Z")
          Instant lastSeenAt,
      @Schema(description = "When it was resolved, if it was", nullable = true) Instant resolvedAt,
      @Schema(description = "When the on-call was paged, if they were", nullable = true)
          Instant pagedAt,
      @Schema(
              description = "Its healing actions (only on the single-diagnosis read)",
              nullable = true)
          List<ActionView> actions) {

    static DiagnosisView of(Diagnosis d, List<ActionView> actions) {
      return new DiagnosisView(
          d.id().toString(),
          d.issueId(),
          d.title(),
          d.rootCause(),
          d.severity().key(),
          d.confidence(),
          d.rank(),
          d.status().key(),
          d.components(),
          d.symptoms().stream().map(SymptomView::of).toList(),
          d.solutions().stream().map(SolutionView::of).toList(),
          d.evidence() == null ? List.of() : d.evidence(),
          d.firstSeenAt(),
          d.lastSeenAt(),
          d.resolvedAt(),
          d.pagedAt(),
          actions);
    }
  }

  /** A page of diagnoses; pass {@code next_cursor} back as {@code cursor}. */
  public record DiagnosisPage(
      @Schema(description = "The diagnoses, newest first") List<DiagnosisView> items,
      @Schema(
              description = "Pass it back as cursor for the next page; null on the last page",
              example = "eyJhdCI6IjIwMjYtMTItMDRUMDc6MDA6MDBaIn0",
              nullable = true)
          String nextCursor) {}

  /** A healing action and where it stands. */
  public record ActionView(
      @Schema(description = "The action's id", example = "8c0e2b4d-6f8a-4c0e-9b4d-6f8a0c2e4b6d")
          String id,
      @Schema(
              description = "The diagnosis it heals",
              example = "4e6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e")
          String diagnosisId,
      @Schema(description = "What it does", example = "restart_consumer") String type,
      @Schema(description = "What it acts on", example = "search-service") String target,
      @Schema(description = "Its parameters") Map<String, String> parameters,
      @Schema(description = "low, medium or high", example = "low") String risk,
      @Schema(
              description =
                  "awaiting_approval, refused, dry_run, executed, verified, rolled_back or failed",
              example = "executed")
          String status,
      @Schema(
              description = "Why it is in that status",
              example = "health DOWN for 30 s",
              nullable = true)
          String reason,
      @Schema(description = "true when it only said what it would do", example = "false")
          boolean dryRun,
      @Schema(description = "What it changed, to roll back", nullable = true)
          Map<String, String> previousState,
      @Schema(description = "When it was proposed", example = "2026-12-04T07:00:00Z")
          Instant createdAt,
      @Schema(description = "When it ran", nullable = true) Instant executedAt,
      @Schema(description = "When its effect is checked", nullable = true) Instant verifyAt,
      @Schema(description = "When it was verified, rolled back or failed", nullable = true)
          Instant finishedAt,
      @Schema(
              description = "Who approved it, if it needed approval",
              example = "ops-admin",
              nullable = true)
          String approvedBy) {

    static ActionView of(HealingAction a) {
      return new ActionView(
          a.id().toString(),
          a.diagnosisId().toString(),
          a.type().key(),
          a.target(),
          a.parameters(),
          a.risk().key(),
          a.status().key(),
          a.reason(),
          a.dryRun(),
          a.previousState(),
          a.createdAt(),
          a.executedAt(),
          a.verifyAt(),
          a.finishedAt(),
          a.approvedBy());
    }
  }

  /** A page of healing actions. */
  public record ActionPage(
      @Schema(description = "The actions, newest first") List<ActionView> items,
      @Schema(
              description = "Pass it back as cursor for the next page; null on the last page",
              example = "eyJhdCI6IjIwMjYtMTItMDRUMDc6MDA6MDBaIn0",
              nullable = true)
          String nextCursor) {}

  /** What an on-demand run found. */
  public record RunView(
      @Schema(description = "When the run happened", example = "2026-12-04T07:00:00Z") Instant at,
      @Schema(description = "How many signals were collected", example = "48") int signals,
      @Schema(description = "The symptoms detected") List<SymptomView> symptoms,
      @Schema(description = "The diagnoses made or updated") List<DiagnosisView> diagnoses) {

    static RunView of(DiagnosisService.RunResult r) {
      return new RunView(
          r.at(),
          r.signals(),
          r.symptoms().stream().map(SymptomView::of).toList(),
          r.diagnoses().stream().map(d -> DiagnosisView.of(d, null)).toList());
    }
  }

  /** A time-to-exhaustion forecast. */
  public record PredictionView(
      @Schema(description = "The component forecast to run out", example = "postgres")
          String component,
      @Schema(description = "The resource's metric", example = "disk_used_bytes") String metric,
      @Schema(description = "Its value now", example = "8.1e9") double current,
      @Schema(description = "The value at which it runs out", example = "1.0e10") double limit,
      @Schema(description = "Its trend per hour", example = "2.0e7") double slopePerHour,
      @Schema(description = "When it is forecast to run out", example = "2026-12-08T03:00:00Z")
          Instant exhaustedAt,
      @Schema(description = "The 95% band's earliest exhaustion", example = "2026-12-07T12:00:00Z")
          Instant earliestAt,
      @Schema(
              description =
                  "The 95% band's latest exhaustion; null when the band's lower slope does not"
                      + " rise at all",
              example = "2026-12-09T00:00:00Z",
              nullable = true)
          Instant latestAt,
      @Schema(description = "How many samples the trend is fitted on", example = "288")
          int samples) {

    static PredictionView of(Forecast f) {
      return new PredictionView(
          f.component(),
          f.metric().key(),
          f.current(),
          f.limit(),
          f.slopePerHour(),
          f.exhaustedAt(),
          f.earliestAt(),
          f.latestAt(),
          f.samples());
    }
  }

  /** Forecasts, soonest first. */
  public record PredictionList(
      @Schema(description = "When the forecast was made", example = "2026-12-04T07:00:00Z")
          Instant at,
      @Schema(description = "Forecast exhaustions, soonest first") List<PredictionView> items) {}

  /** A proposed maintenance window. */
  public record MaintenanceView(
      @Schema(description = "The window's start", example = "2026-12-06T03:00:00Z") Instant start,
      @Schema(description = "The window's end", example = "2026-12-06T04:00:00Z") Instant end,
      @Schema(
              description = "Why the window is proposed",
              example = "postgres disk_used_bytes runs out around 2026-12-08T03:00Z")
          String reason,
      @Schema(description = "The components to maintain", example = "[\"postgres\"]")
          List<String> components,
      @Schema(
              description = "When the maintenance must be done by",
              example = "2026-12-08T03:00:00Z")
          Instant deadline,
      @Schema(description = "The request rate expected in the window (per second)", example = "2.5")
          double expectedRequestRate,
      @Schema(
              description = "The busiest hour's request rate, for comparison (per second)",
              example = "40")
          double busiestRequestRate) {

    static MaintenanceView of(MaintenanceWindow w) {
      return new MaintenanceView(
          w.start(),
          w.end(),
          w.reason(),
          w.components(),
          w.deadline(),
          w.expectedRequestRate(),
          w.busiestRequestRate());
    }
  }

  /** Proposed windows. */
  public record MaintenanceList(
      @Schema(description = "When the windows were proposed", example = "2026-12-04T07:00:00Z")
          Instant at,
      @Schema(description = "The proposed windows") List<MaintenanceView> items) {}
}
