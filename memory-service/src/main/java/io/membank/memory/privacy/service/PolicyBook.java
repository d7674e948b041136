package io.membank.memory.privacy.service;

import io.membank.memory.privacy.config.PrivacyConfig;
import io.membank.privacy.policy.PolicySet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' privacy policies as last read from {@code governance.policies}, and whether they can
 * be trusted: the answer to "which policy applies to this tenant's text now", or "not known yet".
 * Written by the feed's single thread, read by every job.
 */
@ApplicationScoped
public class PolicyBook {

  private final Map<String, PolicySet> own = new ConcurrentHashMap<>();
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
  private final Duration maxStaleness;
  private final Clock clock;
  private volatile PolicySet fallback = PolicySet.builtInDefault();
  private volatile boolean defaultUnreadable;
  private volatile boolean caughtUp;
  private volatile Instant confirmedAt = Instant.EPOCH;

  @Inject
  PolicyBook(PrivacyConfig config) {
    this(config.feed().maxStaleness(), Clock.systemUTC());
  }

  /** A book on its own (tests, benchmarks). */
  public PolicyBook(Duration maxStaleness, Clock clock) {
    this.maxStaleness = maxStaleness;
    this.clock = clock;
  }

  /**
   * The policy the tenant's texts go through now.
   *
   * @throws PolicyUnknownException when it is not known for certain (the caller must wait)
   */
  public PolicySet policyFor(String tenant) {
    if (!caughtUp) {
      throw new PolicyUnknownException(
          PolicyUnknownException.Reason.LOADING, "privacy policies are still being loaded");
    }
    if (unreadable.contains(tenant)) {
      throw new PolicyUnknownException(
          PolicyUnknownException.Reason.UNREADABLE,
          "the latest privacy policy of tenant " + tenant + " could not be read");
    }
    PolicySet policy = own.get(tenant);
    if (policy != null) {
      // The last policy read stays in force even while the feed is cut off.
      return policy;
    }
    if (Duration.between(confirmedAt, clock.instant()).compareTo(maxStaleness) > 0) {
      throw new PolicyUnknownException(
          PolicyUnknownException.Reason.STALE,
          "tenant "
              + tenant
              + " has no privacy policy of its own and the policy feed was last confirmed current"
              + " at "
              + confirmedAt);
    }
    if (defaultUnreadable) {
      throw new PolicyUnknownException(
          PolicyUnknownException.Reason.UNREADABLE, "the default privacy policy could not be read");
    }
    return fallback.forTenant(tenant);
  }

  /**
   * The tenant's latest policy record (or the default's, under {@link PolicySet#DEFAULT_TENANT}).
   */
  public void put(PolicySet policy) {
    if (PolicySet.DEFAULT_TENANT.equals(policy.tenantId())) {
      fallback = policy;
      defaultUnreadable = false;
    } else {
      own.put(policy.tenantId(), policy);
      unreadable.remove(policy.tenantId());
    }
  }

  /** A tombstone: the tenant has no policy of its own any more (the default: the built-in one). */
  public void remove(String tenant) {
    if (PolicySet.DEFAULT_TENANT.equals(tenant)) {
      fallback = PolicySet.builtInDefault();
      defaultUnreadable = false;
    } else {
      own.remove(tenant);
      unreadable.remove(tenant);
    }
  }

  /**
   * The tenant's latest record could not be read: its texts wait rather than fall back to a policy
   * that may be laxer than the one it was meant to publish.
   */
  public void markUnreadable(String tenant) {
    if (PolicySet.DEFAULT_TENANT.equals(tenant)) {
      defaultUnreadable = true;
    } else {
      own.remove(tenant);
      unreadable.add(tenant);
    }
  }

  /** The feed has read everything the topic held when it last asked: the book is current. */
  public void confirmCurrent() {
    caughtUp = true;
    confirmedAt = clock.instant();
  }

  /** Whether the feed has read the topic up to where it ended at start-up. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** How many tenants have a policy of their own. */
  public int tenantCount() {
    return own.size();
  }
}
