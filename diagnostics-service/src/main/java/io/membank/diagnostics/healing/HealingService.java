package io.membank.diagnostics.healing;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.AuditEvent;
import io.membank.contracts.DiagnosticsEvent;
import io.membank.contracts.EventTypes;
import io.membank.diagnostics.config.DiagnosticsConfig;
import io.membank.diagnostics.diagnosis.Diagnosis;
import io.membank.diagnostics.events.DiagnosticsEvents;
import io.membank.diagnostics.knowledge.ActionType;
import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.paging.PagerDuty;
import io.membank.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns diagnoses into healing actions behind the {@link Safeguards}, executes them on the {@link
 * Runtime}, verifies that the symptom cleared and rolls back otherwise. Every step is stored,
 * emitted on {@code diagnostics.events} and audited; a failed heal pages.
 */
@ApplicationScoped
public class HealingService {

  private static final Logger LOG = Logger.getLogger(HealingService.class);
  private static final String SELF = "service:diagnostics-service";
  private static final Pattern SERVICE = Pattern.compile("^([a-z]+-service)");

  private final AgroalDataSource db;
  private final ActionStore actions;
  private final DiagnosticsEvents events;
  private final PagerDuty pager;
  private final Runtime runtime;
  private final DiagnosticsConfig.Healing config;
  private final Safeguards safeguards;
  private final String tenant;

  public HealingService(
      AgroalDataSource db,
      ActionStore actions,
      DiagnosticsEvents events,
      PagerDuty pager,
      Runtime runtime,
      DiagnosticsConfig config) {
    this.db = db;
    this.actions = actions;
    this.events = events;
    this.pager = pager;
    this.runtime = runtime;
    this.config = config.healing();
    this.safeguards = new Safeguards(config.healing(), runtime);
    this.tenant = config.operationsTenant();
  }

  /** The service a component belongs to: consumer group {@code graph-service-x} → graph-service. */
  public static String serviceOf(String component) {
    Matcher m = SERVICE.matcher(component);
    return m.find() ? m.group(1) : component;
  }

  /** Plans (and, where the safeguards allow, runs) the actions of an open diagnosis. */
  public void heal(Diagnosis diagnosis, String symptomTarget, Instant now) throws SQLException {
    if (!config.enabled()) {
      return;
    }
    for (KnownIssue.Solution solution : diagnosis.solutions()) {
      if (solution.action() == ActionType.NONE) {
        continue;
      }
      String target =
          KnownIssue.Solution.SYMPTOM_TARGET.equals(solution.target())
              ? serviceOf(symptomTarget)
              : solution.target();
      try (Connection c = db.getConnection()) {
        if (actions.exists(c, diagnosis.id(), solution.action(), target)) {
          continue;
        }
      }
      plan(diagnosis, solution, target, now);
    }
  }

  private void plan(Diagnosis diagnosis, KnownIssue.Solution solution, String target, Instant now)
      throws SQLException {
    Safeguards.Verdict verdict;
    try (Connection c = db.getConnection()) {
      verdict =
          safeguards.check(
              solution,
              target,
              actions.history(c, solution.action(), target, now.minus(config.rateWindow())),
              now,
              false);
    }
    Map<String, String> parameters =
        solution.parameters() == null ? Map.of() : Map.copyOf(solution.parameters());
    HealingAction action =
        new HealingAction(
            UUID.randomUUID(),
            diagnosis.id(),
            solution.action(),
            target,
            parameters,
            solution.risk(),
            ActionStatus.AWAITING_APPROVAL,
            null,
            config.dryRun(),
            Map.of(),
            now,
            null,
            null,
            null,
            null);
    switch (verdict) {
      case Safeguards.Verdict.Refuse r ->
          record(action.advance(ActionStatus.REFUSED, r.reason()), SELF);
      case Safeguards.Verdict.NeedsApproval n ->
          record(action.advance(ActionStatus.AWAITING_APPROVAL, n.reason()), SELF);
      case Safeguards.Verdict.Proceed p -> record(execute(action, now, null), SELF);
    }
  }

  /** An admin approves an action that waits for approval; the other safeguards still apply. */
  public HealingAction approve(UUID id, String admin, Instant now) throws SQLException {
    HealingAction action;
    Safeguards.Verdict verdict;
    KnownIssue.Solution asSolution;
    try (Connection c = db.getConnection()) {
      action =
          actions
              .find(c, tenant, id)
              .orElseThrow(() -> ProblemException.notFound("action", id.toString()));
      if (action.status() != ActionStatus.AWAITING_APPROVAL) {
        throw ProblemException.conflict(
            "action-not-awaiting-approval",
            "action " + id + " is " + action.status().key() + ", not awaiting approval");
      }
      asSolution =
          new KnownIssue.Solution(
              null, action.type(), action.target(), action.parameters(), action.risk(), false);
      verdict =
          safeguards.check(
              asSolution,
              action.target(),
              actions.history(c, action.type(), action.target(), now.minus(config.rateWindow())),
              now,
              true);
    }
    HealingAction next =
        switch (verdict) {
          case Safeguards.Verdict.Refuse r -> action.advance(ActionStatus.REFUSED, r.reason());
          case Safeguards.Verdict.NeedsApproval n ->
              action.advance(ActionStatus.REFUSED, n.reason());
          case Safeguards.Verdict.Proceed p -> execute(action, now, admin);
        };
    return advance(action, next, admin, now);
  }

  /** Runs the action (unless dry-run) and returns it in its new state. */
  private HealingAction execute(HealingAction action, Instant now, String approvedBy) {
    if (action.dryRun()) {
      return action.advance(
          ActionStatus.DRY_RUN,
          "dry-run: would "
              + action.type().key()
              + " "
              + action.target()
              + " on "
              + runtime.name());
    }
    try {
      Map<String, String> previous =
          runtime.execute(action.type(), action.target(), action.parameters());
      LOG.infof(
          "diagnostics.healing.executed action=%s type=%s target=%s",
          action.id(), action.type().key(), action.target());
      return new HealingAction(
          action.id(),
          action.diagnosisId(),
          action.type(),
          action.target(),
          action.parameters(),
          action.risk(),
          ActionStatus.EXECUTED,
          "executed on " + runtime.name(),
          false,
          previous,
          action.createdAt(),
          now,
          now.plus(config.verifyAfter()),
          null,
          approvedBy);
    } catch (Runtime.RuntimeActionException e) {
      LOG.warnf(
          "diagnostics.healing.failed action=%s target=%s reason=%s",
          action.id(), action.target(), e.getMessage());
      page(action, e.getMessage());
      return action.advance(ActionStatus.FAILED, e.getMessage());
    }
  }

  /**
   * Verifies executed actions whose time has come: the diagnosis resolved, or the target no longer
   * among its components, is success; otherwise the action is rolled back (or fails and pages).
   */
  public void verifyDue(
      Instant now, java.util.function.Function<UUID, Optional<Diagnosis>> diagnoses)
      throws SQLException {
    List<HealingAction> due;
    try (Connection c = db.getConnection()) {
      due = actions.dueForVerification(c, now);
    }
    for (HealingAction a : due) {
      Optional<Diagnosis> d = diagnoses.apply(a.diagnosisId());
      boolean cleared =
          d.isEmpty()
              || d.get().status() == Diagnosis.Status.RESOLVED
              || d.get().components().stream()
                  .map(HealingService::serviceOf)
                  .noneMatch(a.target()::equals);
      HealingAction next;
      if (cleared) {
        next = a.advance(ActionStatus.VERIFIED, "symptom cleared within " + config.verifyAfter());
      } else if (!a.previousState().isEmpty()) {
        try {
          runtime.rollback(a.type(), a.target(), a.previousState());
          next =
              a.advance(ActionStatus.ROLLED_BACK, "symptom still present; previous state restored");
        } catch (Runtime.RuntimeActionException e) {
          next =
              a.advance(
                  ActionStatus.FAILED, "symptom still present; rollback failed: " + e.getMessage());
        }
        page(a, next.reason());
      } else {
        next =
            a.advance(
                ActionStatus.FAILED,
                "symptom still present after " + config.verifyAfter() + "; nothing to roll back");
        page(a, next.reason());
      }
      advance(a, next, SELF, now);
    }
  }

  /** Stores a new action and its events in one transaction. */
  private void record(HealingAction a, String actor) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        // Stored as planned first, then advanced: the row then carries executed_at and verify_at.
        actions.insert(c, tenant, a.advance(ActionStatus.AWAITING_APPROVAL, a.reason()));
        if (a.status() != ActionStatus.AWAITING_APPROVAL) {
          actions.advance(
              c,
              a.id(),
              ActionStatus.AWAITING_APPROVAL,
              a.status(),
              a.reason(),
              a.previousState(),
              a.executedAt(),
              a.verifyAt(),
              finishedAt(a),
              a.approvedBy());
        }
        emit(c, a, actor);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Advances a stored action and emits its events in one transaction. */
  private HealingAction advance(HealingAction from, HealingAction to, String actor, Instant now)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean moved =
            actions.advance(
                c,
                from.id(),
                from.status(),
                to.status(),
                to.reason(),
                to.previousState(),
                to.executedAt(),
                to.verifyAt(),
                finishedAt(to) == null ? null : now,
                actor.startsWith("service:") ? null : actor);
        if (!moved) {
          c.rollback();
          throw ProblemException.conflict(
              "action-changed", "action " + from.id() + " changed meanwhile");
        }
        emit(c, to, actor);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
      return actions.find(c, tenant, from.id()).orElseThrow();
    }
  }

  private static Instant finishedAt(HealingAction a) {
    return switch (a.status()) {
      case AWAITING_APPROVAL, EXECUTED -> null;
      default -> Instant.now();
    };
  }

  private void emit(Connection c, HealingAction a, String actor) throws SQLException {
    events.diagnostics(
        c,
        EventTypes.HEALING_ACTION_RECORDED,
        a.id().toString(),
        new DiagnosticsEvent(
            DiagnosticsEvent.Kind.ACTION_RECORDED,
            OffsetDateTime.now(ZoneOffset.UTC),
            null,
            new DiagnosticsEvent.Action(
                a.id().toString(),
                a.diagnosisId().toString(),
                a.type().key(),
                a.target(),
                a.status().key(),
                a.reason(),
                a.dryRun()),
            null));
    Map<String, Object> details = new HashMap<>();
    details.put("action_type", a.type().key());
    details.put("target", a.target());
    details.put("status", a.status().key());
    details.put("diagnosis_id", a.diagnosisId().toString());
    details.put("dry_run", a.dryRun());
    details.put("runtime", runtime.name());
    if (a.reason() != null) {
      details.put("reason", a.reason());
    }
    events.audit(
        c,
        actor,
        AuditEvent.Action.ADMIN,
        "healing_action",
        a.id().toString(),
        a.status() == ActionStatus.FAILED || a.status() == ActionStatus.REFUSED
            ? AuditEvent.Outcome.FAILURE
            : AuditEvent.Outcome.SUCCESS,
        details);
  }

  private void page(HealingAction a, String why) {
    pager
        .send(
            PagerDuty.EventAction.TRIGGER,
            "healing-" + a.id(),
            "Healing failed: " + a.type().key() + " on " + a.target() + ": " + why,
            "critical",
            a.target(),
            Map.of("action_id", a.id().toString(), "diagnosis_id", a.diagnosisId().toString()))
        .ifPresent(e -> LOG.warnf("diagnostics.page.failed action=%s reason=%s", a.id(), e));
  }
}
