package io.membank.identity.apikey;

import io.membank.contracts.ApiKeyRecord;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified API key as the caller's principal. It presents the claims a MemBank JWT would carry
 * ({@code sub}, {@code tenant}, {@code groups}, {@code jti}, {@code exp}), so {@link Caller}, the
 * log fields and the refusal audit treat a key exactly like a JWT; the key's scope travels in the
 * claims {@link #USER_SCOPE_CLAIM} and {@link #AGENT_SCOPE_CLAIM}.
 */
public final class ApiKeyPrincipal implements JsonWebToken {

  /** Subject prefix of a key: the audit trail names {@code apikey:<key id>} as the actor. */
  public static final String SUBJECT_PREFIX = "apikey:";

  /** Claim naming the only user_id the key may act for, if it is scoped. */
  public static final String USER_SCOPE_CLAIM = "scope_user_id";

  /** Claim naming the only agent_id the key may act for, if it is scoped. */
  public static final String AGENT_SCOPE_CLAIM = "scope_agent_id";

  private final String keyId;
  private final Map<String, Object> claims;

  ApiKeyPrincipal(ApiKeyRecord key) {
    this.keyId = key.keyId();
    Map<String, Object> c = new HashMap<>();
    c.put(Claims.sub.name(), SUBJECT_PREFIX + key.keyId());
    c.put(Caller.TENANT_CLAIM, key.tenantId());
    c.put(Claims.jti.name(), key.keyId());
    Set<String> groups = new TreeSet<>(key.roles());
    groups.retainAll(Roles.ALL);
    groups.remove(Roles.SERVICE);
    c.put(Claims.groups.name(), Set.copyOf(groups));
    if (key.expiresAt() != null) {
      c.put(Claims.exp.name(), key.expiresAt().toEpochSecond());
    }
    if (key.userId() != null) {
      c.put(USER_SCOPE_CLAIM, key.userId());
    }
    if (key.agentId() != null) {
      c.put(AGENT_SCOPE_CLAIM, key.agentId());
    }
    this.claims = Map.copyOf(c);
  }

  /** The key's id. */
  public String keyId() {
    return keyId;
  }

  /** The roles the key grants. */
  @Override
  public Set<String> getGroups() {
    return getClaim(Claims.groups.name());
  }

  @Override
  public String getName() {
    return SUBJECT_PREFIX + keyId;
  }

  @Override
  public Set<String> getClaimNames() {
    return claims.keySet();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getClaim(String claimName) {
    return (T) claims.get(claimName);
  }

  @Override
  public String toString() {
    return "ApiKeyPrincipal[" + keyId + "]";
  }
}
