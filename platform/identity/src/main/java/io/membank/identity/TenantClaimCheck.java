package io.membank.identity;

import io.membank.identity.apikey.ApiKeyPrincipal;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Completes JWT verification: a credential must name a well-formed tenant and must not be on the
 * revocation list in Redis. Signature, issuer and expiry are verified by smallrye-jwt before this.
 * The {@link Roles#SERVICE} role is honoured only on credentials signed with the service key (its
 * key id, {@code kid}, in the verification key set), and the service key signs nothing else: a
 * user's credential can never act as a service, nor a service credential as a user.
 */
@ApplicationScoped
public class TenantClaimCheck implements SecurityIdentityAugmentor {

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Inject ReactiveRedisDataSource redis;

  @ConfigProperty(name = "membank.identity.revocation.enabled", defaultValue = "true")
  boolean revocationEnabled;

  @ConfigProperty(
      name = "membank.identity.service-key-id",
      defaultValue = ServiceCredentials.KEY_ID)
  String serviceKeyId;

  /** Longest lifetime (exp - iat) of a credential this service accepts; see docs/errors.md. */
  @ConfigProperty(name = "membank.identity.max-token-lifetime", defaultValue = "PT24H")
  Duration maxLifetime;

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()
        || identity.getPrincipal() instanceof ApiKeyPrincipal
        || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      // An API key was verified whole (tenant, expiry, revocation) by ApiKeyIdentityProvider.
      return Uni.createFrom().item(identity);
    }
    CredentialProblem problem = problem(jwt);
    if (problem != null) {
      return Uni.createFrom().failure(CredentialRejectedException.failure(problem));
    }
    String jti = jwt.getTokenID();
    if (!revocationEnabled || jti == null) {
      return Uni.createFrom().item(identity);
    }
    return redis
        .key()
        .exists(RevocationList.key(jti))
        .onItem()
        .transformToUni(
            revoked ->
                revoked
                    ? Uni.createFrom()
                        .<SecurityIdentity>failure(
                            CredentialRejectedException.failure(CredentialProblem.REVOKED))
                    : Uni.createFrom().item(identity));
  }

  /** What is wrong with a credential whose signature, issuer and expiry verified, or null. */
  CredentialProblem problem(JsonWebToken jwt) {
    // A claim of another JSON type (an array, a number) is refused, not cast (issue 24 defect 2).
    Object tenant = jwt.getClaim(Caller.TENANT_CLAIM);
    String text =
        switch (tenant) {
          case String s -> s;
          case JsonString s -> s.getString();
          case null, default -> null;
        };
    if (text == null || !TENANT.matcher(text).matches()) {
      return CredentialProblem.INVALID_TENANT;
    }
    if (jwt.getExpirationTime() <= 0) {
      return CredentialProblem.NO_EXPIRY;
    }
    long issuedAt =
        jwt.getIssuedAtTime() > 0 ? jwt.getIssuedAtTime() : Instant.now().getEpochSecond();
    if (jwt.getExpirationTime() - issuedAt > maxLifetime.toSeconds()) {
      // The gateway caps lifetimes too, but a service must not rely on being behind it (defect 10).
      return CredentialProblem.TOO_LONG_LIVED;
    }
    boolean signedByServiceKey = serviceKeyId.equals(keyId(jwt));
    if (jwt.getGroups().contains(Roles.SERVICE) != signedByServiceKey) {
      return CredentialProblem.SERVICE_KEY_MISMATCH;
    }
    return null;
  }

  /** The {@code kid} header of the verified credential, or null. */
  private static String keyId(JsonWebToken jwt) {
    String raw = jwt.getRawToken();
    if (raw == null) {
      return null;
    }
    try {
      return JsonWebStructure.fromCompactSerialization(raw).getKeyIdHeaderValue();
    } catch (JoseException e) {
      return null; // smallrye-jwt parsed it already; unreachable in practice
    }
  }
}
