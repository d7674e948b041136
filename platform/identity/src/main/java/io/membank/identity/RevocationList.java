package io.membank.identity;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Revoked credential ids (JWT {@code jti}) in Redis, each kept until the credential would have
 * expired anyway, so the list never grows without bound.
 */
@ApplicationScoped
public class RevocationList {

  private static final String PREFIX = "membank:revoked:";

  @Inject RedisDataSource redis;

  /** Redis key marking a credential id as revoked. */
  static String key(String jti) {
    return PREFIX + jti;
  }

  /** Revokes the credential until {@code expiresAt}; a no-op for an already expired one. */
  public void revoke(String jti, Instant expiresAt) {
    Duration left = Duration.between(Instant.now(), expiresAt);
    if (!left.isNegative() && !left.isZero()) {
      redis.value(String.class).setex(key(jti), Math.max(1, left.toSeconds()), "1");
    }
  }
}
