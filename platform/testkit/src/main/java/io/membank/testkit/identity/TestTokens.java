package io.membank.testkit.identity;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Signed credentials for tests, in exactly the shape {@code bin/membank token} issues. */
public final class TestTokens {

  /** Issuer the services under test are configured to accept (see {@link JwtResource}). */
  public static final String ISSUER = "membank-test";

  private TestTokens() {}

  /** A valid one-hour credential for the tenant and subject with the given roles. */
  public static String token(String tenant, String subject, String... roles) {
    return builder(tenant, subject, roles).sign(TestKeys.privateKey());
  }

  /** A valid credential with a known id ({@code jti}), for revocation tests. */
  public static String withId(String jti, String tenant, String subject, String... roles) {
    return builder(tenant, subject, roles).claim("jti", jti).sign(TestKeys.privateKey());
  }

  /** A credential that expired a minute ago. */
  public static String expired(String tenant, String subject, String... roles) {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    return builder(tenant, subject, roles)
        .issuedAt(past)
        .expiresAt(Instant.now().minus(Duration.ofMinutes(1)))
        .sign(TestKeys.privateKey());
  }

  /** A credential with no tenant claim (must be refused). */
  public static String withoutTenant(String subject, String... roles) {
    return Jwt.issuer(ISSUER)
        .subject(subject)
        .groups(Set.of(roles))
        .expiresIn(Duration.ofHours(1))
        .sign(TestKeys.privateKey());
  }

  /** A builder pre-filled like {@link #token}, for tests that need to change one claim. */
  public static JwtClaimsBuilder builder(String tenant, String subject, String... roles) {
    return Jwt.issuer(ISSUER)
        .subject(subject)
        .upn(subject)
        .claim("tenant", tenant)
        .claim("jti", UUID.randomUUID().toString())
        .groups(Set.of(roles))
        .issuedAt(Instant.now())
        .expiresIn(Duration.ofHours(1));
  }
}
