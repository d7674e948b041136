package io.membank.governance.retention.service;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.RetentionApplied;
import io.membank.contracts.RetentionRequested;
import io.membank.contracts.Topics;
import io.membank.governance.audit.AuditTrail;
import io.membank.governance.policy.store.PolicyStore;
import io.membank.governance.retention.config.RetentionConfig;
import io.membank.governance.retention.store.RetentionStore;
import io.membank.governance.retention.store.RetentionStore.Hold;
import io.membank.governance.retention.store.RetentionStore.Policy;
import io.membank.governance.retention.store.RetentionStore.Run;
import io.membank.governance.retention.store.RetentionStore.RunRule;
import io.membank.outbox.Outbox;
import io.membank.privacy.detect.DataType;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The retention enforcer. A pass (scheduled, or started by an admin for their tenant) takes a
 * PostgreSQL advisory lock for its transaction, so one replica runs it while another's attempt
 * returns at once; for each tenant it computes every policy's cutoff (now minus its maximum age),
 * collects the active legal holds, records a pending run and, in the same transaction, puts the
 * request on {@code governance.retention} (outbox). memory-service deletes and answers on {@code
 * governance.results} with counts per policy; the run is then completed and audited. Runs without
 * an answer are sent again (the deletes are idempotent).
 */
@ApplicationScoped
public class RetentionEnforcer {

  private static final Logger LOG = Logger.getLogger(RetentionEnforcer.class);

  /** The advisory lock key of a pass (any replica of governance-service). */
  public static final long PASS_LOCK = 0x5245_5445_4E54_494FL; // "RETENTIO"

  /** The service that owns what retention deletes (search and graph follow its delete events). */
  public static final String OWNER = "memory-service";

  /** What a pass did: the runs it started, or that another replica was running one. */
  public record Pass(boolean ran, List<Run> runs) {}

  private final RetentionStore store;
  private final PolicyStore privacyPolicies;
  private final Outbox outbox;
  private final AuditTrail audit;
  private final RetentionConfig config;
  private final Clock clock;

  public RetentionEnforcer(
      RetentionStore store,
      PolicyStore privacyPolicies,
      Outbox outbox,
      AuditTrail audit,
      RetentionConfig config,
      Clock clock) {
    this.store = store;
    this.privacyPolicies = privacyPolicies;
    this.outbox = outbox;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Runs a pass over every tenant governance knows, or over one; {@code asOf} (null: now) is the
   * time the cutoffs are computed from.
   */
  @Transactional
  @WithSpan("RetentionEnforcer.pass")
  public Pass pass(String trigger, String by, String onlyTenant, Instant asOf) {
    if (!store.tryEnforcerLock(PASS_LOCK)) {
      LOG.info("retention pass skipped: another replica is running one");
      return new Pass(false, List.of());
    }
    Instant now = clock.instant();
    Instant at = asOf == null ? now : asOf;
    List<String> tenants = onlyTenant == null ? store.knownTenants() : List.of(onlyTenant);
    List<Run> runs = new ArrayList<>();
    for (String tenant : tenants) {
      runs.add(start(tenant, trigger, by, at, now));
    }
    LOG.infof("retention pass (%s) as of %s: %d tenant runs", trigger, at, runs.size());
    return new Pass(true, runs);
  }

  /** Records a store's answer; completes the run (once) and audits what it erased and kept. */
  @Transactional
  @WithSpan("RetentionEnforcer.applied")
  public void applied(RetentionApplied a) {
    UUID id = UUID.fromString(a.runId());
    Run run =
        store
            .lockRun(id)
            .filter(r -> r.tenantId().equals(a.tenantId()))
            .orElseThrow(
                () -> new IllegalArgumentException("result of an unknown retention run: " + id));
    if (!"pending".equals(run.status())) {
      return; // a re-sent request's answer: the first one's counts stand
    }
    long erased = 0;
    long kept = 0;
    for (RetentionApplied.RuleResult r : a.results()) {
      store.count(id, r.rule(), r.erased(), r.keptByHold());
      erased += r.erased();
      kept += r.keptByHold();
    }
    store.complete(id, clock.instant());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", "completed");
    details.put("as_of", run.asOf().toString());
    details.put("erased", erased);
    details.put("kept_by_hold", kept);
    audit.record(
        run.tenantId(),
        run.triggeredBy(),
        Set.of(),
        AuditEvent.Action.DELETE,
        new AuditEvent.Resource("retention_run", id.toString(), null),
        details);
  }

  /** Sends pending runs again once {@code retry-every} passed since their last send. */
  @Transactional
  @WithSpan("RetentionEnforcer.retryDue")
  public int retryDue() {
    Instant now = clock.instant();
    List<Run> due = store.due(now.minus(config.retryEvery()), 50);
    for (Run run : due) {
      int attempt = store.nextAttempt(run.runId(), now);
      publish(run, attempt, requestRules(run));
    }
    return due.size();
  }

  private Run start(String tenant, String trigger, String by, Instant at, Instant now) {
    store.lockTenant(tenant);
    List<Hold> holds = store.activeHolds(tenant);
    boolean tenantHeld = holds.stream().anyMatch(h -> h.subject() == null);
    List<String> held =
        List.copyOf(
            new TreeSet<>(holds.stream().map(Hold::subject).filter(s -> s != null).toList()));
    Optional<String> region =
        privacyPolicies.current(tenant).map(p -> p.region() == null ? null : p.region());
    List<RunRule> rules = new ArrayList<>();
    List<RetentionRequested.Rule> requested = new ArrayList<>();
    for (Policy p : store.inForce(tenant)) {
      if (p.region() != null && !p.region().equalsIgnoreCase(region.orElse(""))) {
        continue; // the tenant's data does not live in the policy's region
      }
      Instant cutoff = at.minus(Duration.ofDays(p.maxAgeDays()));
      rules.add(new RunRule(p.policyId().toString(), p.version(), cutoff, null, null));
      requested.add(rule(p, cutoff));
    }
    rules.add(new RunRule(RetentionRequested.EXPIRED_RULE, null, at, null, null));
    Run run =
        new Run(
            UUID.randomUUID(),
            tenant,
            at,
            trigger,
            by,
            "pending",
            tenantHeld,
            held,
            1,
            now,
            now,
            null);
    store.insertRun(run, rules);
    publish(run, 1, requested);
    return run;
  }

  private List<RetentionRequested.Rule> requestRules(Run run) {
    List<RetentionRequested.Rule> out = new ArrayList<>();
    for (RunRule r : store.rules(run.runId())) {
      if (r.policyVersion() == null) {
        continue;
      }
      store
          .version(run.tenantId(), UUID.fromString(r.rule()), r.policyVersion())
          .ifPresent(p -> out.add(rule(p, r.cutoff())));
    }
    return out;
  }

  private static RetentionRequested.Rule rule(Policy p, Instant cutoff) {
    List<String> types =
        p.dataClass() == null
            ? List.of()
            : Arrays.stream(DataType.values())
                .filter(t -> t.dataClass().name().equals(p.dataClass()))
                .map(Enum::name)
                .toList();
    return new RetentionRequested.Rule(
        p.policyId().toString(), p.version(), cutoff.atOffset(ZoneOffset.UTC), types, p.scope());
  }

  private void publish(Run run, int attempt, List<RetentionRequested.Rule> rules) {
    outbox.add(
        Topics.GOVERNANCE_RETENTION,
        run.tenantId(),
        EventTypes.GOVERNANCE_RETENTION_REQUESTED,
        run.runId().toString(),
        run.tenantId(),
        new RetentionRequested(
            run.runId().toString(),
            run.tenantId(),
            run.asOf().atOffset(ZoneOffset.UTC),
            attempt,
            rules,
            true,
            run.tenantHeld(),
            run.heldSubjects()));
  }
}
