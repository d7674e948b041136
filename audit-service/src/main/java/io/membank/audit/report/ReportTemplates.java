package io.membank.audit.report;

import io.membank.audit.chain.ChainVerifier;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.report.ReportDocument.Fact;
import io.membank.audit.report.ReportDocument.Section;
import io.membank.audit.report.ReportQueries.Scope;
import io.membank.audit.risk.ComplianceRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The report templates (gdpr, sox, security): which figures and tables each report has. Every
 * report ends with the integrity of the tenant's trail (the chain verified at generation time).
 */
@ApplicationScoped
public class ReportTemplates {

  /** A report template. */
  public enum Template {
    GDPR("gdpr", "GDPR compliance report", ComplianceRules.GDPR),
    SOX("sox", "SOX compliance report", ComplianceRules.SOX),
    SECURITY("security", "Security report", null);

    private final String id;
    private final String title;
    private final String regime;

    Template(String id, String title, String regime) {
      this.id = id;
      this.title = title;
      this.regime = regime;
    }

    public String id() {
      return id;
    }

    public String title() {
      return title;
    }

    /** The regime whose events the report covers; null: all events. */
    public String regime() {
      return regime;
    }

    /** The template of an id; unknown ids are an {@link IllegalArgumentException}. */
    public static Template of(String id) {
      return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
  }

  private static final List<String> TRAIL_RESOURCES =
      List.of("'audit_log'", "'audit_chain'", "'audit_report'");

  @Inject ReportQueries queries;
  @Inject ChainVerifier verifier;
  @Inject AuditConfig config;

  /** Builds the report document. */
  public ReportDocument build(
      UUID id, Template template, String tenant, Instant from, Instant to, String generatedBy) {
    Scope scope = new Scope(tenant, from, to, template.regime());
    int max = config.reports().maxRows();
    Totals totals =
        new Totals(
            queries.grouped(
                scope, List.of("action", "outcome", "risk_rank"), null, Integer.MAX_VALUE));
    List<Fact> summary = new ArrayList<>();
    summary.add(
        new Fact(
            template.regime() == null ? "Events" : "Events touching " + template.regime(),
            Long.toString(totals.all)));
    summary.add(new Fact("Accesses", Long.toString(totals.byAction("access"))));
    summary.add(
        new Fact(
            "Changes (create, modify)",
            Long.toString(totals.byAction("create") + totals.byAction("modify"))));
    summary.add(new Fact("Deletes", Long.toString(totals.byAction("delete"))));
    summary.add(new Fact("Exports", Long.toString(totals.byAction("export"))));
    summary.add(new Fact("Administrative actions", Long.toString(totals.byAction("admin"))));
    summary.add(new Fact("Failed attempts", Long.toString(totals.byOutcome("failure"))));
    summary.add(new Fact("Unauthorized attempts", Long.toString(totals.byOutcome("unauthorized"))));
    summary.add(new Fact("High or critical risk", Long.toString(totals.risky)));

    List<Section> sections =
        switch (template) {
          case GDPR -> gdpr(scope, max);
          case SOX -> sox(scope, max);
          case SECURITY -> security(scope, max);
        };
    List<Section> all = new ArrayList<>(sections);
    all.add(integrity(tenant));
    return new ReportDocument(
        id,
        tenant,
        template.id(),
        template.title(),
        from,
        to,
        Instant.now(),
        generatedBy,
        totals.all,
        summary,
        all);
  }

  private List<Section> gdpr(Scope scope, int max) {
    return List.of(
        new Section(
            "Activity on personal data",
            "Events tagged GDPR by action and outcome.",
            List.of("Action", "Outcome", "Events"),
            queries.grouped(scope, List.of("action", "outcome"), null, max)),
        new Section(
            "Data subjects: accesses, exports and deletions",
            "Per data subject (resource owner), how often their data was read, exported or"
                + " deleted.",
            List.of("Data subject", "Action", "Events"),
            queries.grouped(
                scope,
                List.of("resource_owner_id", "action"),
                "resource_owner_id is not null and action in ('access', 'export', 'delete')",
                max)),
        new Section(
            "Deletions of another subject's data",
            "Deletes by an actor who is not the owner of the data.",
            ReportQueries.EVENT_COLUMNS,
            queries.events(scope, ReportQueries.reason("delete_of_other_subject"), max)),
        new Section(
            "Exports of personal data",
            "Every export of data tagged GDPR.",
            ReportQueries.EVENT_COLUMNS,
            queries.events(scope, "action = 'export'", max)),
        highRisk(scope, max));
  }

  private List<Section> sox(Scope scope, int max) {
    return List.of(
        new Section(
            "Activity on controls and financial data",
            "Events tagged SOX by resource, action and outcome.",
            List.of("Resource type", "Action", "Outcome", "Events"),
            queries.grouped(scope, List.of("resource_type", "action", "outcome"), null, max)),
        new Section(
            "Administrative actions",
            "Administrative actions and changes made with the admin role.",
            ReportQueries.EVENT_COLUMNS,
            queries.events(
                scope, "action = 'admin' or " + ReportQueries.reason("admin_action"), max)),
        new Section(
            "Administrative actions outside business hours",
            "Administrative actions outside the configured business hours.",
            ReportQueries.EVENT_COLUMNS,
            queries.events(scope, ReportQueries.reason("admin_out_of_hours"), max)),
        new Section(
            "Who read the audit trail",
            "Reads of the audit trail and its reports, by actor.",
            List.of("Actor", "Action", "Events"),
            queries.grouped(
                scope,
                List.of("actor_id", "action"),
                "resource_type in (" + String.join(", ", TRAIL_RESOURCES) + ")",
                max)),
        new Section(
            "Failed and unauthorized attempts",
            "Attempts on controls that failed or were refused.",
            ReportQueries.EVENT_COLUMNS,
            queries.events(scope, "outcome in ('failure', 'unauthorized')", max)));
  }

  private List<Section> security(Scope scope, int max) {
    return List.of(
        new Section(
            "Events by risk",
            "All events of the period by risk level.",
            List.of("Risk", "Events"),
            queries.grouped(scope, List.of("risk"), null, max)),
        new Section(
            "Failed and unauthorized attempts by actor",
            "Who failed or was refused, and how often.",
            List.of("Actor", "Outcome", "Events"),
            queries.grouped(
                scope,
                List.of("actor_id", "outcome"),
                "outcome in ('failure', 'unauthorized')",
                max)),
        new Section(
            "Failure bursts",
            "Attempts that made a burst of failures by one actor within the burst window.",
            ReportQueries.EVENT_COLUMNS,
            queries.events(scope, ReportQueries.reason("failure_burst"), max)),
        highRisk(scope, max),
        new Section(
            "Alerts raised",
            "Alerts raised in the period and the state of their deliveries.",
            List.of("Raised at", "Severity", "Summary", "Deliveries"),
            queries.alerts(scope, max)));
  }

  private Section highRisk(Scope scope, int max) {
    return new Section(
        "High and critical events",
        "Events the risk rules rated high or critical.",
        ReportQueries.EVENT_COLUMNS,
        queries.events(scope, "risk_rank >= 2", max));
  }

  private Section integrity(String tenant) {
    ChainVerifier.Result v = verifier.verify(tenant, null, null);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Chain intact", v.ok() ? "yes" : "NO"));
    rows.add(List.of("Records verified", Long.toString(v.recordsChecked())));
    rows.add(List.of("Head sequence", Long.toString(v.head().seq())));
    rows.add(List.of("Head hash", v.head().hash()));
    if (v.lastCheckpoint() != null) {
      rows.add(
          List.of(
              "Last signed checkpoint",
              "seq " + v.lastCheckpoint().seq() + " at " + v.lastCheckpoint().signedAt()));
    }
    if (v.firstBreak() != null) {
      rows.add(
          List.of(
              "First broken link",
              "seq "
                  + v.firstBreak().seq()
                  + " ("
                  + v.firstBreak().reason()
                  + "): "
                  + v.firstBreak().detail()));
    }
    return new Section(
        "Integrity of the audit trail",
        "The tenant's hash chain and signed checkpoints, verified when this report was made.",
        List.of("Check", "Result"),
        rows);
  }

  /** Totals by action, outcome and risk from one grouped read. */
  private static final class Totals {
    final List<List<String>> rows;
    long all;
    long risky;

    Totals(List<List<String>> rows) {
      this.rows = rows;
      for (List<String> row : rows) {
        long n = Long.parseLong(row.get(3));
        all += n;
        if (Integer.parseInt(row.get(2)) >= 2) {
          risky += n;
        }
      }
    }

    long byAction(String action) {
      return rows.stream()
          .filter(r -> r.get(0).equals(action))
          .mapToLong(r -> Long.parseLong(r.get(3)))
          .sum();
    }

    long byOutcome(String outcome) {
      return rows.stream()
          .filter(r -> r.get(1).equals(outcome))
          .mapToLong(r -> Long.parseLong(r.get(3)))
          .sum();
    }
  }
}
