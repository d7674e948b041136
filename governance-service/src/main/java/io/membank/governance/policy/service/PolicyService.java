package io.membank.governance.policy.service;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.PolicySnapshot;
import io.membank.contracts.Topics;
import io.membank.governance.audit.AuditTrail;
import io.membank.governance.policy.store.PolicyStore;
import io.membank.outbox.Outbox;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.InvalidPolicyException;
import io.membank.privacy.policy.PolicyNames;
import io.membank.privacy.policy.PolicySet;
import io.membank.privacy.policy.Rule;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tenants' privacy policies: each change is validated with platform/privacy, stored as a new
 * version, and — in the same transaction — put in the outbox twice: the whole snapshot for {@code
 * governance.policies} (compacted, keyed by tenant) and an audit record for {@code audit.events}.
 */
@ApplicationScoped
public class PolicyService {

  /** Who changed a policy. */
  public record Changer(String tenant, String subject, Set<String> roles) {}

  /** A policy in force, and whether it is the tenant's own or the default. */
  public record InForce(PolicySnapshot policy, boolean tenantOwn) {}

  private final PolicyStore store;
  private final Outbox outbox;
  private final AuditTrail audit;

  public PolicyService(PolicyStore store, Outbox outbox, AuditTrail audit) {
    this.store = store;
    this.outbox = outbox;
    this.audit = audit;
  }

  /** The tenant's own policy, else the built-in default (version 0). */
  @WithSpan("PolicyService.current")
  public InForce current(String tenant) {
    return store
        .current(tenant)
        .map(p -> new InForce(p, true))
        .orElseGet(
            () -> new InForce(snapshot(PolicySet.builtInDefault(), null, null, null), false));
  }

  /**
   * Replaces the tenant's policy with a new version. Throws {@code InvalidPolicyException} (before
   * anything is written) when a name is unknown.
   */
  @Transactional
  @WithSpan("PolicyService.replace")
  public PolicySnapshot replace(
      Changer by,
      String region,
      String defaultAction,
      List<PolicyNames.RuleNames> rules,
      String memoryDefaultTtl) {
    // Validate first, with a placeholder version: nothing is locked or written for a bad policy.
    PolicyNames.read(by.tenant(), 1, region, defaultAction, rules);
    if (memoryDefaultTtl != null) {
      try {
        PolicySnapshot.parseTtl(memoryDefaultTtl);
      } catch (IllegalArgumentException e) {
        throw new InvalidPolicyException("memory_default_ttl", e.getMessage());
      }
    }
    long version = store.lockNextVersion(by.tenant());
    PolicySet policy = PolicyNames.read(by.tenant(), version, region, defaultAction, rules);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    PolicySnapshot snapshot = snapshot(policy, now, by.subject(), memoryDefaultTtl);
    store.insert(snapshot);
    outbox.add(
        Topics.GOVERNANCE_POLICIES,
        by.tenant(),
        EventTypes.GOVERNANCE_POLICY_PUBLISHED,
        by.tenant(),
        by.tenant(),
        snapshot);
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        AuditEvent.Action.MODIFY,
        new AuditEvent.Resource("privacy_policy", by.tenant(), null),
        Map.of("policy_version", version, "rules", policy.rules().size()));
    return snapshot;
  }

  static PolicySnapshot snapshot(
      PolicySet policy, OffsetDateTime at, String by, String memoryDefaultTtl) {
    List<PolicySnapshot.Rule> rules = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      rules.add(
          new PolicySnapshot.Rule(
              rule.type() == null ? null : rule.type().name(),
              rule.dataClass() == null ? null : rule.dataClass().name(),
              rule.region() == null ? null : rule.region().name(),
              rule.action().name()));
    }
    Action fallback = policy.defaultAction();
    return new PolicySnapshot(
        policy.tenantId(),
        policy.version(),
        policy.region().name(),
        fallback.name(),
        rules,
        at,
        by,
        memoryDefaultTtl);
  }
}
