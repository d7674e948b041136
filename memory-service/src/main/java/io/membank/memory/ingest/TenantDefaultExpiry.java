package io.membank.memory.ingest;

import io.membank.contracts.PolicySnapshot;
import io.membank.memory.config.MemoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a tenant's memories are returned when a write names no {@code expires_at}. A tenant's
 * admin sets it in the tenant's policy ({@code memory_default_ttl}, governance-service), which
 * reaches this service on {@code governance.policies} with the privacy rules. A tenant with a
 * policy of its own has its own default (or none, then the deployment's {@code
 * membank.memory.default-ttl}); a tenant without one has the default policy's, else the
 * deployment's.
 */
@ApplicationScoped
public class TenantDefaultExpiry {

  private final Map<String, Optional<Duration>> fromPolicies = new ConcurrentHashMap<>();
  private final Optional<Duration> deployment;

  @Inject
  TenantDefaultExpiry(MemoryConfig config) {
    this(config.defaultTtl());
  }

  /** With the deployment's default expiry (empty: memories do not expire by default). */
  TenantDefaultExpiry(Optional<Duration> deployment) {
    this.deployment = deployment;
  }

  /**
   * The expiry named by the tenant's (or the default's) latest policy, empty when it names none.
   */
  public void put(String tenant, Optional<Duration> ttl) {
    fromPolicies.put(tenant, ttl);
  }

  /** A tombstone: the tenant has no policy of its own any more. */
  public void remove(String tenant) {
    fromPolicies.remove(tenant);
  }

  /** The default expiry of the tenant's new memories, empty when they do not expire. */
  public Optional<Duration> of(String tenant) {
    Optional<Duration> own = fromPolicies.get(tenant);
    if (own != null) {
      return own.or(() -> deployment);
    }
    return fromPolicies
        .getOrDefault(PolicySnapshot.DEFAULT_KEY, Optional.empty())
        .or(() -> deployment);
  }
}
