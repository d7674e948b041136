package io.membank.diagnostics.diagnosis;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.AuditEvent;
import io.membank.contracts.DiagnosticsEvent;
import io.membank.contracts.EventTypes;
import io.membank.diagnostics.collect.Collector;
import io.membank.diagnostics.collect.SampleStore;
import io.membank.diagnostics.collect.Signal;
import io.membank.diagnostics.config.DiagnosticsConfig;
import io.membank.diagnostics.events.DiagnosticsEvents;
import io.membank.diagnostics.healing.HealingService;
import io.membank.diagnostics.paging.PagerDuty;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.Symptom;
import io.membank.diagnostics.symptom.SymptomDetector;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The diagnostics loop: collect → symptoms → diagnoses (opened, refreshed or resolved; emitted,
 * audited, paged) → healing → verification of earlier actions. Runs on a schedule and on demand,
 * one run at a time.
 */
@ApplicationScoped
public class DiagnosisService {

  private static final Logger LOG = Logger.getLogger(DiagnosisService.class);
  private static final String SELF = "service:diagnostics-service";

  /** What one run found. */
  public record RunResult(
      Instant at, int signals, List<Symptom> symptoms, List<Diagnosis> diagnoses) {}

  private final Collector collector;
  private final SampleStore samples;
  private final SymptomDetector detector;
  private final DiagnosisEngine engine;
  private final DiagnosisStore store;
  private final HealingService healing;
  private final DiagnosticsEvents events;
  private final PagerDuty pager;
  private final AgroalDataSource db;
  private final DiagnosticsConfig config;
  private final String tenant;
  private final ReentrantLock oneRunAtATime = new ReentrantLock();
  private final Clock clock = Clock.systemUTC();

  public DiagnosisService(
      Collector collector,
      SampleStore samples,
      DiagnosisEngine engine,
      DiagnosisStore store,
      HealingService healing,
      DiagnosticsEvents events,
      PagerDuty pager,
      AgroalDataSource db,
      DiagnosticsConfig config) {
    this.collector = collector;
    this.samples = samples;
    this.detector = new SymptomDetector(config);
    this.engine = engine;
    this.store = store;
    this.healing = healing;
    this.events = events;
    this.pager = pager;
    this.db = db;
    this.config = config;
    this.tenant = config.operationsTenant();
  }

  @Scheduled(
      every = "${membank.diagnostics.collect.interval:10s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = CollectionDisabled.class)
  void scheduled() {
    try {
      run();
    } catch (RuntimeException | SQLException e) {
      LOG.warnf("diagnostics.run.failed reason=%s", e.toString());
    }
  }

  @Scheduled(every = "1h", delayed = "1m")
  void compact() {
    samples.compact(clock.instant());
  }

  /** One full run now. */
  public RunResult run() throws SQLException {
    oneRunAtATime.lock();
    try {
      Instant now = clock.instant();
      List<Signal> signals = collector.collect(now);
      List<Symptom> symptoms = detector.detect(signals, samples::series);
      List<Finding> findings = engine.diagnose(symptoms);
      List<Diagnosis> current = reconcile(findings, now);
      healing.verifyDue(now, this::find);
      LOG.debugf(
          "diagnostics.run signals=%d symptoms=%d diagnoses=%d",
          signals.size(), symptoms.size(), current.size());
      return new RunResult(now, signals.size(), symptoms, current);
    } finally {
      oneRunAtATime.unlock();
    }
  }

  /** Opens, refreshes and resolves stored diagnoses so they match the findings; then heals. */
  List<Diagnosis> reconcile(List<Finding> findings, Instant now) throws SQLException {
    Map<String, Diagnosis> open = new HashMap<>();
    try (Connection c = db.getConnection()) {
      store.open(c, tenant).forEach(d -> open.put(d.issueId(), d));
    }
    List<Diagnosis> current = new ArrayList<>();
    for (Finding f : findings) {
      Diagnosis existing = open.remove(f.issue().id());
      Diagnosis d = existing == null ? opened(f, now) : refreshed(existing, f, now);
      current.add(d);
      pageIfNeeded(d, now);
      healing.heal(d, f.target(), now);
    }
    for (Diagnosis gone : open.values()) {
      if (!gone.lastSeenAt().plus(config.symptoms().resolveAfter()).isAfter(now)) {
        resolved(gone, now);
      }
    }
    return current;
  }

  private Diagnosis opened(Finding f, Instant now) throws SQLException {
    Diagnosis d =
        new Diagnosis(
            UUID.randomUUID(),
            f.issue().id(),
            f.issue().title(),
            f.issue().rootCause(),
            f.severity(),
            f.confidence(),
            f.rank(),
            f.components(),
            f.symptoms(),
            f.issue().solutions(),
            f.issue().evidence(),
            Diagnosis.Status.OPEN,
            now,
            now,
            null,
            null);
    inTransaction(
        c -> {
          store.insert(c, tenant, d, f.issue().evidence());
          emit(c, d, EventTypes.DIAGNOSIS_OPENED, DiagnosticsEvent.Kind.DIAGNOSIS_OPENED);
        });
    LOG.infof(
        "diagnostics.diagnosis.opened id=%s issue=%s severity=%s confidence=%.2f components=%s",
        d.id(), d.issueId(), d.severity().key(), d.confidence(), d.components());
    return d;
  }

  private Diagnosis refreshed(Diagnosis d, Finding f, Instant now) throws SQLException {
    Severity severity = f.severity().compareTo(d.severity()) > 0 ? f.severity() : d.severity();
    inTransaction(c -> store.refresh(c, d.id(), f, severity, now));
    return new Diagnosis(
        d.id(),
        d.issueId(),
        d.title(),
        d.rootCause(),
        severity,
        f.confidence(),
        f.rank(),
        f.components(),
        f.symptoms(),
        d.solutions(),
        d.evidence(),
        Diagnosis.Status.OPEN,
        d.firstSeenAt(),
        now,
        null,
        d.pagedAt());
  }

  private void resolved(Diagnosis d, Instant now) throws SQLException {
    Diagnosis r =
        new Diagnosis(
            d.id(),
            d.issueId(),
            d.title(),
            d.rootCause(),
            d.severity(),
            d.confidence(),
            d.rank(),
            d.components(),
            d.symptoms(),
            d.solutions(),
            d.evidence(),
            Diagnosis.Status.RESOLVED,
            d.firstSeenAt(),
            d.lastSeenAt(),
            now,
            d.pagedAt());
    inTransaction(
        c -> {
          store.resolve(c, d.id(), now);
          emit(c, r, EventTypes.DIAGNOSIS_RESOLVED, DiagnosticsEvent.Kind.DIAGNOSIS_RESOLVED);
        });
    if (d.pagedAt() != null) {
      pager.send(
          PagerDuty.EventAction.RESOLVE, d.id().toString(), d.title(), "info", null, Map.of());
    }
    LOG.infof("diagnostics.diagnosis.resolved id=%s issue=%s", d.id(), d.issueId());
  }

  /** Critical diagnoses page once; a failed page is retried on the next run. */
  private void pageIfNeeded(Diagnosis d, Instant now) throws SQLException {
    if (d.severity() != Severity.CRITICAL || d.pagedAt() != null || !pager.enabled()) {
      return;
    }
    Map<String, Object> details = new HashMap<>();
    details.put("diagnosis_id", d.id().toString());
    details.put("issue_id", d.issueId());
    details.put("confidence", d.confidence());
    details.put("components", d.components());
    details.put("root_cause", d.rootCause());
    Optional<String> error =
        pager.send(
            PagerDuty.EventAction.TRIGGER,
            d.id().toString(),
            d.title() + " (" + String.join(", ", d.components()) + ")",
            "critical",
            String.join(",", d.components()),
            details);
    inTransaction(c -> store.paged(c, d.id(), error.isEmpty() ? now : null, error.orElse(null)));
  }

  private void emit(Connection c, Diagnosis d, String type, DiagnosticsEvent.Kind kind)
      throws SQLException {
    events.diagnostics(
        c,
        type,
        d.id().toString(),
        new DiagnosticsEvent(
            kind,
            OffsetDateTime.now(ZoneOffset.UTC),
            new DiagnosticsEvent.Diagnosis(
                d.id().toString(),
                d.issueId(),
                d.title(),
                d.severity().key(),
                d.confidence(),
                d.components(),
                d.status().key()),
            null,
            null));
    Map<String, Object> details = new HashMap<>();
    details.put("issue_id", d.issueId());
    details.put("severity", d.severity().key());
    details.put("confidence", d.confidence());
    details.put("components", d.components());
    details.put("status", d.status().key());
    events.audit(
        c,
        SELF,
        kind == DiagnosticsEvent.Kind.DIAGNOSIS_OPENED
            ? AuditEvent.Action.CREATE
            : AuditEvent.Action.MODIFY,
        "diagnosis",
        d.id().toString(),
        AuditEvent.Outcome.SUCCESS,
        details);
  }

  /** A diagnosis of the operations tenant by id. */
  public Optional<Diagnosis> find(UUID id) {
    try (Connection c = db.getConnection()) {
      return store.find(c, tenant, id);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(Work work) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Skips scheduled runs when collection is switched off (tests drive runs themselves). */
  @ApplicationScoped
  public static class CollectionDisabled implements Scheduled.SkipPredicate {
    private final DiagnosticsConfig config;

    public CollectionDisabled(DiagnosticsConfig config) {
      this.config = config;
    }

    @Override
    public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
      return !config.collect().enabled();
    }
  }
}
