package io.membank.audit.risk;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.config.AuditConfig;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every risk rule of audit-service, in one place. An event's risk is the highest level among the
 * rules that match it ({@code low} when none does); two or more {@code high} rules together make it
 * {@code critical}. The matching rule codes are stored with the record as its {@code risk_reasons}.
 * Thresholds come from {@code membank.audit.risk.*}.
 */
public final class RiskRules {

  /**
   * What a rule looks at: the event, how many failed or unauthorized attempts its actor made within
   * the burst window (this one included; -1 when unknown), and the thresholds.
   */
  public record Facts(AuditEntry event, long failuresInWindow, AuditConfig.Risk limits) {

    boolean is(String action) {
      return action.equals(event.action());
    }

    boolean failed() {
      return isFailure(event);
    }

    long records() {
      return event.detailNumber("record_count", "records", "count", "deleted_count");
    }

    boolean actorIsAdmin() {
      return event.actor().roles() != null && event.actor().roles().contains("admin");
    }

    boolean isAdminAction() {
      return is("admin")
          || (actorIsAdmin() && Set.of("create", "modify", "delete", "export").contains(action()));
    }

    boolean outsideBusinessHours() {
      ZonedDateTime local = event.occurredAt().atZone(limits.businessZone());
      boolean businessDay = limits.businessDays().contains(local.getDayOfWeek());
      boolean businessTime =
          !local.toLocalTime().isBefore(limits.businessStart())
              && local.toLocalTime().isBefore(limits.businessEnd());
      return !(businessDay && businessTime);
    }

    boolean removesAnotherSubjectsData() {
      String owner = event.resource().ownerId();
      String actor = event.actor().id();
      return owner != null
          && actor != null
          && !owner.equals(actor)
          && !Set.of("service", "system").contains(event.actor().type())
          && !limits.delegates().map(d -> d.contains(actor)).orElse(false);
    }

    private String action() {
      return event.action();
    }
  }

  /** One rule: a stable code, the level it gives, and when it matches. */
  record Rule(String code, RiskLevel level, Predicate<Facts> when) {}

  static final List<Rule> RULES =
      List.of(
          new Rule(
              "bulk_export",
              RiskLevel.HIGH,
              f -> f.is("export") && f.records() >= f.limits().bulkExportRecords()),
          new Rule("export", RiskLevel.MEDIUM, f -> f.is("export")),
          new Rule(
              "bulk_delete",
              RiskLevel.HIGH,
              f -> f.is("delete") && f.records() >= f.limits().bulkDeleteRecords()),
          new Rule(
              "delete_of_other_subject",
              RiskLevel.HIGH,
              f -> f.is("delete") && !f.failed() && f.removesAnotherSubjectsData()),
          new Rule(
              "failure_burst",
              RiskLevel.HIGH,
              f -> f.failed() && f.failuresInWindow() >= f.limits().burstThreshold()),
          new Rule(
              "unauthorized", RiskLevel.MEDIUM, f -> "unauthorized".equals(f.event().outcome())),
          new Rule("failure", RiskLevel.LOW, f -> "failure".equals(f.event().outcome())),
          new Rule(
              "admin_out_of_hours",
              RiskLevel.HIGH,
              f -> f.isAdminAction() && f.outsideBusinessHours()),
          new Rule("admin_action", RiskLevel.MEDIUM, Facts::isAdminAction),
          new Rule(
              "audit_trail_read",
              RiskLevel.LOW,
              f -> f.event().resource().type().startsWith("audit_") && f.is("access")));

  private RiskRules() {}

  /** Whether the event is a failed or unauthorized attempt (what the burst rule counts). */
  public static boolean isFailure(AuditEntry event) {
    return "failure".equals(event.outcome()) || "unauthorized".equals(event.outcome());
  }

  /** The risk of an event and the codes of the rules that matched. */
  public static Assessment assess(Facts facts) {
    RiskLevel level = RiskLevel.LOW;
    int highs = 0;
    List<String> reasons = new ArrayList<>();
    for (Rule rule : RULES) {
      if (rule.when().test(facts)) {
        reasons.add(rule.code());
        if (rule.level().compareTo(level) > 0) {
          level = rule.level();
        }
        if (rule.level() == RiskLevel.HIGH) {
          highs++;
        }
      }
    }
    if (highs >= 2) {
      level = RiskLevel.CRITICAL;
    }
    return new Assessment(level, List.copyOf(reasons));
  }

  /** The outcome of the rules for one event. */
  public record Assessment(RiskLevel level, List<String> reasons) {}
}
