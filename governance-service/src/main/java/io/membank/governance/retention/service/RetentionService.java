package io.membank.governance.retention.service;

import io.membank.contracts.AuditEvent;
import io.membank.governance.audit.AuditTrail;
import io.membank.governance.retention.store.RetentionStore;
import io.membank.governance.retention.store.RetentionStore.After;
import io.membank.governance.retention.store.RetentionStore.Hold;
import io.membank.governance.retention.store.RetentionStore.Policy;
import io.membank.privacy.detect.DataClass;
import io.membank.privacy.policy.Region;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Retention policies (versioned: an update is a new version, a delete retires the policy in a new
 * version) and legal holds of a tenant; every change is audited in its transaction.
 */
@ApplicationScoped
public class RetentionService {

  /** The longest retention a policy may set (100 years). */
  public static final int MAX_AGE_DAYS = 36_500;

  /** Scopes a policy may be limited to. */
  public static final Set<String> SCOPES = Set.of("user", "agent", "session");

  /** Who acts: the caller's tenant, subject and roles. */
  public record Actor(String tenant, String subject, Set<String> roles) {}

  /** What a policy says (validated, names normalized). */
  public record Terms(String dataClass, String scope, String region, int maxAgeDays) {}

  private final RetentionStore store;
  private final AuditTrail audit;
  private final Clock clock;

  public RetentionService(RetentionStore store, AuditTrail audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Checks and normalizes a policy's terms; throws {@link InvalidRetentionRequestException} naming
   * the field.
   */
  public static Terms terms(String dataClass, String scope, String region, Integer maxAgeDays) {
    if (maxAgeDays == null) {
      throw new InvalidRetentionRequestException("max_age_days", "max_age_days is required");
    }
    if (maxAgeDays < 1 || maxAgeDays > MAX_AGE_DAYS) {
      throw new InvalidRetentionRequestException(
          "max_age_days", "max_age_days must be between 1 and " + MAX_AGE_DAYS);
    }
    return new Terms(
        name(DataClass.class, dataClass, "data_class"),
        scope(scope),
        name(Region.class, region, "region"),
        maxAgeDays);
  }

  @Transactional
  @WithSpan("RetentionService.create")
  public Policy create(Actor by, Terms terms) {
    store.lockTenant(by.tenant());
    Policy p = policy(UUID.randomUUID(), 1, by, terms, false);
    store.insertPolicy(p);
    audited(by, AuditEvent.Action.CREATE, p);
    return p;
  }

  /** A new version of the policy with these terms; empty when the tenant has no such policy. */
  @Transactional
  @WithSpan("RetentionService.update")
  public Optional<Policy> update(Actor by, UUID id, Terms terms) {
    store.lockTenant(by.tenant());
    return store
        .latest(by.tenant(), id)
        .map(
            old -> {
              Policy p = policy(id, old.version() + 1, by, terms, false);
              store.insertPolicy(p);
              audited(by, AuditEvent.Action.MODIFY, p);
              return p;
            });
  }

  /** Retires the policy (a new version, no longer enforced); empty when there is no such policy. */
  @Transactional
  @WithSpan("RetentionService.retire")
  public Optional<Policy> retire(Actor by, UUID id) {
    store.lockTenant(by.tenant());
    return store
        .latest(by.tenant(), id)
        .map(
            old -> {
              if (old.retired()) {
                return old;
              }
              Policy p =
                  policy(
                      id,
                      old.version() + 1,
                      by,
                      new Terms(old.dataClass(), old.scope(), old.region(), old.maxAgeDays()),
                      true);
              store.insertPolicy(p);
              audited(by, AuditEvent.Action.DELETE, p);
              return p;
            });
  }

  public Optional<Policy> latest(String tenant, UUID id) {
    return store.latest(tenant, id);
  }

  public Optional<Policy> version(String tenant, UUID id, int version) {
    return store.version(tenant, id, version);
  }

  public List<Policy> policies(String tenant, boolean withRetired, After after, int limit) {
    return store.policies(tenant, withRetired, after, limit);
  }

  /** Places a legal hold on the tenant (subject null) or on one subject. */
  @Transactional
  @WithSpan("RetentionService.hold")
  public Hold hold(Actor by, String subject, String reason) {
    store.lockTenant(by.tenant());
    Hold h =
        new Hold(
            UUID.randomUUID(),
            by.tenant(),
            subject,
            reason,
            by.subject(),
            clock.instant(),
            null,
            null);
    store.insertHold(h);
    holdAudited(by, AuditEvent.Action.CREATE, h, "placed");
    return h;
  }

  /** Releases a hold (once; releasing again returns it unchanged); empty when there is none. */
  @Transactional
  @WithSpan("RetentionService.release")
  public Optional<Hold> release(Actor by, UUID id) {
    store.lockTenant(by.tenant());
    if (store.release(by.tenant(), id, by.subject(), clock.instant())) {
      Hold h = store.hold(by.tenant(), id).orElseThrow();
      holdAudited(by, AuditEvent.Action.DELETE, h, "released");
      return Optional.of(h);
    }
    return store.hold(by.tenant(), id);
  }

  public Optional<Hold> findHold(String tenant, UUID id) {
    return store.hold(tenant, id);
  }

  public List<Hold> holds(String tenant, boolean activeOnly, After after, int limit) {
    return store.holds(tenant, activeOnly, after, limit);
  }

  private Policy policy(UUID id, int version, Actor by, Terms t, boolean retired) {
    return new Policy(
        id,
        version,
        by.tenant(),
        t.dataClass(),
        t.scope(),
        t.region(),
        t.maxAgeDays(),
        retired,
        by.subject(),
        clock.instant());
  }

  private void audited(Actor by, AuditEvent.Action action, Policy p) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", p.version());
    details.put("max_age_days", p.maxAgeDays());
    details.put("data_class", p.dataClass() == null ? "any" : p.dataClass());
    details.put("scope", p.scope() == null ? "any" : p.scope());
    details.put("region", p.region() == null ? "any" : p.region());
    details.put("retired", p.retired());
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        action,
        new AuditEvent.Resource("retention_policy", p.policyId().toString(), null),
        details);
  }

  private void holdAudited(Actor by, AuditEvent.Action action, Hold h, String status) {
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        action,
        new AuditEvent.Resource("legal_hold", h.holdId().toString(), h.subject()),
        Map.of(
            "status",
            status,
            "reason",
            h.reason(),
            "scope",
            h.subject() == null ? "tenant" : "subject"));
  }

  private static String scope(String scope) {
    if (scope == null) {
      return null;
    }
    String s = scope.strip().toLowerCase(Locale.ROOT);
    if (!SCOPES.contains(s)) {
      throw new InvalidRetentionRequestException("scope", "scope must be user, agent or session");
    }
    return s;
  }

  private static <E extends Enum<E>> String name(Class<E> type, String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)).name();
    } catch (IllegalArgumentException e) {
      throw new InvalidRetentionRequestException(
          field,
          field
              + " must be one of "
              + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }
  }

  /** Now, by the service's clock. */
  public Instant now() {
    return clock.instant();
  }
}
