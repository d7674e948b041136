package io.membank.identity;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      return Uni.createFrom().item(identity);
    }
    String tenant = jwt.getClaim(Caller.TENANT_CLAIM);
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("credential has no valid tenant claim"));
    }
    boolean signedByServiceKey = serviceKeyId.equals(keyId(jwt));
    if (jwt.getGroups().contains(Roles.SERVICE) != signedByServiceKey) {
      return Uni.createFrom()
          .failure(
              new AuthenticationFailedException(
                  "the service role and the service key go together"));
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
                            new AuthenticationFailedException("credential was revoked"))
                    : Uni.createFrom().item(identity));
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
