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
    return sign(builder(tenant, subject, roles));
  }

  /** Signs with the users' key, as {@code bin/membank token} does (key id included). */
  public static String sign(JwtClaimsBuilder claims) {
    return claims.jws().keyId(TestKeys.USER_KID).sign(TestKeys.privateKey());
  }

  /** A service-to-service credential for the tenant, signed with the service key. */
  public static String service(String tenant, String serviceName) {
    return Jwt.issuer(ISSUER)
        .subject("service:" + serviceName)
        .claim("tenant", tenant)
        .claim("jti", UUID.randomUUID().toString())
        .groups(Set.of("service"))
        .expiresIn(Duration.ofMinutes(5))
        .jws()
        .keyId(TestKeys.SERVICE_KID)
        .sign(TestKeys.servicePrivateKey());
  }

  /** A credential with reader role signed with the service key (must be refused). */
  public static String userRolesWithServiceKey(String tenant, String subject) {
    return builder(tenant, subject, "reader")
        .jws()
        .keyId(TestKeys.SERVICE_KID)
        .sign(TestKeys.servicePrivateKey());
  }

  /** A valid credential with a known id ({@code jti}), for revocation tests. */
  public static String withId(String jti, String tenant, String subject, String... roles) {
    return sign(builder(tenant, subject, roles).claim("jti", jti));
  }

  /** A credential that expired a minute ago. */
  public static String expired(String tenant, String subject, String... roles) {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    return sign(
        builder(tenant, subject, roles)
            .issuedAt(past)
            .expiresAt(Instant.now().minus(Duration.ofMinutes(1))));
  }

  /** A credential with no tenant claim (must be refused). */
  public static String withoutTenant(String subject, String... roles) {
    return sign(
        Jwt.issuer(ISSUER).subject(subject).groups(Set.of(roles)).expiresIn(Duration.ofHours(1)));
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
