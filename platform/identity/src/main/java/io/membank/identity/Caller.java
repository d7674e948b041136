package io.membank.identity;

import io.membank.identity.apikey.ApiKeyPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the tenant, subject and roles of the verified credential (a JWT, or an API key,
 * which presents the same claims: see {@link ApiKeyPrincipal}).
 */
@RequestScoped
public class Caller {

  /** Name of the claim that carries the tenant id. */
  public static final String TENANT_CLAIM = "tenant";

  @Inject JsonWebToken token;

  /** The tenant every query of this request must be scoped to. */
  public String tenant() {
    String tenant = token.getClaim(TENANT_CLAIM);
    if (tenant == null) {
      // TenantClaimCheck rejects such credentials before any resource runs.
      throw new IllegalStateException("no tenant on a verified credential");
    }
    return tenant;
  }

  /** The subject (user or service account) the credential was issued to. */
  public String subject() {
    return token.getSubject();
  }

  /** The known roles the credential carries. */
  public Set<String> roles() {
    return token.getGroups().stream().filter(Roles.ALL::contains).collect(Collectors.toSet());
  }

  /** The only user_id this credential may act for (a scoped API key), else empty. */
  public Optional<String> userScope() {
    return Optional.ofNullable(token.getClaim(ApiKeyPrincipal.USER_SCOPE_CLAIM));
  }

  /** The only agent_id this credential may act for (a scoped API key), else empty. */
  public Optional<String> agentScope() {
    return Optional.ofNullable(token.getClaim(ApiKeyPrincipal.AGENT_SCOPE_CLAIM));
  }

  /** Whose memories the credential may read, edit or delete by id. */
  public OwnerScope ownerScope() {
    return new OwnerScope(userScope().orElse(null), agentScope().orElse(null));
  }

  /** Whether the credential carries the role. */
  public boolean hasRole(String role) {
    return roles().contains(role);
  }
}
