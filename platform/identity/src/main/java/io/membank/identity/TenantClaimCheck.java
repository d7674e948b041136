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

/**
 * Completes JWT verification: a credential must name a well-formed tenant and must not be on the
 * revocation list in Redis. Signature, issuer and expiry are verified by smallrye-jwt before this.
 */
@ApplicationScoped
public class TenantClaimCheck implements SecurityIdentityAugmentor {

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Inject ReactiveRedisDataSource redis;

  @ConfigProperty(name = "membank.identity.revocation.enabled", defaultValue = "true")
  boolean revocationEnabled;

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
}
