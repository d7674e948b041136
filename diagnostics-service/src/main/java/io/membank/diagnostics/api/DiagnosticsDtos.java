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

/** What the diagnostics API answers (snake_case on the wire); mapped from the domain here. */
public final class DiagnosticsDtos {

  private DiagnosticsDtos() {}

  /** One symptom: what, where, how bad, since when, and the query that shows it. */
  public record SymptomView(
      String type,
      String severity,
      String component,
      String metric,
      double value,
      double threshold,
      Instant since,
      long durationSeconds,
      String detector,
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
      String description,
      String action,
      String target,
      Map<String, String> parameters,
      String risk,
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
      String id,
      String issueId,
      String title,
      String rootCause,
      String severity,
      double confidence,
      int rank,
      String status,
      List<String> components,
      List<SymptomView> symptoms,
      List<SolutionView> solutions,
      List<String> evidenceChecks,
      Instant firstSeenAt,
      Instant lastSeenAt,
      Instant resolvedAt,
      Instant pagedAt,
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
  public record DiagnosisPage(List<DiagnosisView> items, String nextCursor) {}

  /** A healing action and where it stands. */
  public record ActionView(
      String id,
      String diagnosisId,
      String type,
      String target,
      Map<String, String> parameters,
      String risk,
      String status,
      String reason,
      boolean dryRun,
      Map<String, String> previousState,
      Instant createdAt,
      Instant executedAt,
      Instant verifyAt,
      Instant finishedAt,
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
  public record ActionPage(List<ActionView> items, String nextCursor) {}

  /** What an on-demand run found. */
  public record RunView(
      Instant at, int signals, List<SymptomView> symptoms, List<DiagnosisView> diagnoses) {

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
      String component,
      String metric,
      double current,
      double limit,
      double slopePerHour,
      Instant exhaustedAt,
      Instant earliestAt,
      Instant latestAt,
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
  public record PredictionList(Instant at, List<PredictionView> items) {}

  /** A proposed maintenance window. */
  public record MaintenanceView(
      Instant start,
      Instant end,
      String reason,
      List<String> components,
      Instant deadline,
      double expectedRequestRate,
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
  public record MaintenanceList(Instant at, List<MaintenanceView> items) {}
}
