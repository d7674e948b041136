package io.membank.audit.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.intake.AuditEventParser;
import io.membank.audit.support.Events;
import io.membank.audit.support.Limits;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each risk rule, the escalation to critical, and the compliance regimes. */
class RiskRulesTest {

  static final Instant TUESDAY_NOON = Instant.parse("2026-11-24T12:00:00Z");
  static final Instant SUNDAY_3AM = Instant.parse("2026-11-22T03:00:00Z");
  static final AuditEventParser PARSER = new AuditEventParser(Limits.intake());

  static AuditEntry entry(Events.Builder b) {
    return PARSER.parse(b.json());
  }

  static RiskRules.Assessment assess(Events.Builder b, long failures, String... delegates) {
    return RiskRules.assess(new RiskRules.Facts(entry(b), failures, Limits.risk(delegates)));
  }

  static Events.Builder base() {
    return Events.event("acme").at(TUESDAY_NOON);
  }

  @Test
  void anOrdinaryReadIsLowWithNoReason() {
    RiskRules.Assessment a = assess(base(), 0);
    assertThat(a.level()).isEqualTo(RiskLevel.LOW);
    assertThat(a.reasons()).isEmpty();
  }

  @Test
  void exportsAreMediumAndBulkExportsHigh() {
    assertThat(assess(base().action("export").details(Map.of("record_count", 10)), 0).level())
        .isEqualTo(RiskLevel.MEDIUM);
    RiskRules.Assessment bulk =
        assess(base().action("export").details(Map.of("record_count", 5000)), 0);
    assertThat(bulk.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(bulk.reasons()).containsExactly("bulk_export", "export");
  }

  @Test
  void deletingAnotherSubjectsDataIsHighUnlessTheActorIsItsOwnerOrADelegate() {
    Events.Builder other = base().action("delete").resource("memory", "m-9", "u-2");
    assertThat(assess(other, 0).reasons()).contains("delete_of_other_subject");
    assertThat(assess(other, 0).level()).isEqualTo(RiskLevel.HIGH);
    Events.Builder own = base().action("delete").resource("memory", "m-9", "u-1");
    assertThat(assess(own, 0).level()).isEqualTo(RiskLevel.LOW);
    assertThat(assess(other, 0, "u-1").reasons()).doesNotContain("delete_of_other_subject");
    Events.Builder service =
        base()
            .actor("service", "governance/retention")
            .action("delete")
            .resource("memory", "m-9", "u-2");
    assertThat(assess(service, 0).reasons()).doesNotContain("delete_of_other_subject");
  }

  @Test
  void unauthorizedAttemptsBecomeHighOnlyInABurst() {
    Events.Builder refused = base().outcome("unauthorized");
    assertThat(assess(refused, 1).level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(assess(refused, 4).level()).isEqualTo(RiskLevel.MEDIUM);
    RiskRules.Assessment burst = assess(refused, 5);
    assertThat(burst.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(burst.reasons()).containsExactly("failure_burst", "unauthorized");
    // Redis could not count: the burst rule stays silent, the event is still rated.
    assertThat(assess(refused, -1).level()).isEqualTo(RiskLevel.MEDIUM);
  }

  @Test
  void adminActionsAreMediumInBusinessHoursAndHighOutside() {
    Events.Builder admin = base().actor("user", "root-1", "admin").action("modify");
    assertThat(assess(admin, 0).level()).isEqualTo(RiskLevel.MEDIUM);
    assertThat(assess(admin, 0).reasons()).containsExactly("admin_action");
    RiskRules.Assessment night = assess(admin.at(SUNDAY_3AM), 0);
    assertThat(night.level()).isEqualTo(RiskLevel.HIGH);
    assertThat(night.reasons()).containsExactly("admin_out_of_hours", "admin_action");
    // An admin only reading is not an administrative action.
    assertThat(assess(base().actor("user", "root-1", "admin").at(SUNDAY_3AM), 0).level())
        .isEqualTo(RiskLevel.LOW);
  }

  @Test
  void twoHighRulesMakeItCritical() {
    Events.Builder nightBulkExport =
        base()
            .actor("user", "root-1", "admin")
            .action("export")
            .details(Map.of("record_count", 100_000))
            .at(SUNDAY_3AM);
    RiskRules.Assessment a = assess(nightBulkExport, 0);
    assertThat(a.level()).isEqualTo(RiskLevel.CRITICAL);
    assertThat(a.reasons()).contains("bulk_export", "admin_out_of_hours");
  }

  @Test
  void regimesFollowResourceAndDataClass() {
    assertThat(ComplianceRules.regimes(entry(base()))).containsExactly("GDPR");
    assertThat(
            ComplianceRules.regimes(
                entry(
                    base().resource("document", "d-1", null).details(Map.of("data_class", "PHI")))))
        .containsExactly("HIPAA");
    assertThat(
            ComplianceRules.regimes(
                entry(
                    base()
                        .resource("ledger", "l-1", null)
                        .details(Map.of("data_classes", java.util.List.of("financial", "pii"))))))
        .containsExactly("GDPR", "SOX");
    assertThat(ComplianceRules.regimes(entry(base().resource("metrics", "x", null)))).isEmpty();
    assertThat(
            ComplianceRules.regimes(
                entry(
                    base()
                        .actor("user", "root", "admin")
                        .action("admin")
                        .resource("config", "c", null))))
        .containsExactly("SOX");
  }
}
