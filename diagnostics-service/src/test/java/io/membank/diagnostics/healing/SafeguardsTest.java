package io.membank.diagnostics.healing;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.diagnostics.knowledge.ActionType;
import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.knowledge.Risk;
import io.membank.diagnostics.support.TestConfig;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeguardsTest {

  static final Instant SATURDAY_3AM = Instant.parse("2026-12-05T03:00:00Z");
  static final Instant SATURDAY_NOON = Instant.parse("2026-12-05T12:00:00Z");
  static final KnownIssue.Solution RESTART =
      new KnownIssue.Solution(
          "restart", ActionType.RESTART_SERVICE, "symptom", null, Risk.LOW, true);
  static final Safeguards.History CLEAN = new Safeguards.History(0, 0, 0);

  final Safeguards guards =
      new Safeguards(
          TestConfig.load(Map.of("membank.diagnostics.healing.freeze-windows", "SAT 02:00-04:00"))
              .healing(),
          new LocalRuntime(java.nio.file.Path.of("bin/membank"), java.time.Duration.ofSeconds(5)));

  @Test
  void anAutomaticLowRiskRestartOnTheAllowListProceeds() {
    assertThat(guards.check(RESTART, "graph-service", CLEAN, SATURDAY_NOON, false))
        .isInstanceOf(Safeguards.Verdict.Proceed.class);
  }

  @Test
  void theRateLimitRefusesATimeTooManyAndNamesTheLimit() {
    var verdict =
        guards.check(
            RESTART, "graph-service", new Safeguards.History(2, 0, 0), SATURDAY_NOON, true);

    assertThat(verdict)
        .isInstanceOfSatisfying(
            Safeguards.Verdict.Refuse.class, r -> assertThat(r.reason()).startsWith("rate limit"));
  }

  @Test
  void blastRadiusAllowsOneActionPerTargetInFlight() {
    assertThat(
            guards.check(
                RESTART, "graph-service", new Safeguards.History(0, 1, 1), SATURDAY_NOON, false))
        .isInstanceOfSatisfying(
            Safeguards.Verdict.Refuse.class, r -> assertThat(r.reason()).contains("blast radius"));
    assertThat(
            guards.check(
                RESTART, "cost-service", new Safeguards.History(0, 0, 2), SATURDAY_NOON, false))
        .isInstanceOf(Safeguards.Verdict.Refuse.class);
  }

  @Test
  void insideAFreezeWindowNothingRunsAutomatically() {
    assertThat(guards.check(RESTART, "graph-service", CLEAN, SATURDAY_3AM, false))
        .isInstanceOfSatisfying(
            Safeguards.Verdict.Refuse.class, r -> assertThat(r.reason()).contains("freeze window"));
  }

  @Test
  void highRiskOrNonAutomaticActionsWaitForApprovalAndApprovalLiftsOnlyThat() {
    var risky =
        new KnownIssue.Solution(
            "restart", ActionType.RESTART_SERVICE, "symptom", null, Risk.HIGH, true);
    var manual =
        new KnownIssue.Solution(
            "restart", ActionType.RESTART_SERVICE, "symptom", null, Risk.LOW, false);

    assertThat(guards.check(risky, "graph-service", CLEAN, SATURDAY_NOON, false))
        .isInstanceOf(Safeguards.Verdict.NeedsApproval.class);
    assertThat(guards.check(manual, "graph-service", CLEAN, SATURDAY_NOON, false))
        .isInstanceOf(Safeguards.Verdict.NeedsApproval.class);
    assertThat(guards.check(risky, "graph-service", CLEAN, SATURDAY_NOON, true))
        .isInstanceOf(Safeguards.Verdict.Proceed.class);
  }

  @Test
  void anActionTheRuntimeCannotDoIsRefusedWithTheRuntimesName() {
    var scale =
        new KnownIssue.Solution(
            "scale", ActionType.SCALE_DEPLOYMENT, "search-service", null, Risk.MEDIUM, true);

    assertThat(guards.check(scale, "search-service", CLEAN, SATURDAY_NOON, true))
        .isInstanceOfSatisfying(
            Safeguards.Verdict.Refuse.class, r -> assertThat(r.reason()).contains("local runtime"));
  }

  @Test
  void freezeWindowsMayCrossMidnight() {
    FreezeWindow w = FreezeWindow.parse("FRI 23:00-01:00");

    assertThat(w.contains(Instant.parse("2026-12-04T23:30:00Z"))).isTrue(); // Friday
    assertThat(w.contains(Instant.parse("2026-12-05T00:30:00Z"))).isTrue(); // Saturday morning
    assertThat(w.contains(Instant.parse("2026-12-05T01:30:00Z"))).isFalse();
  }
}
