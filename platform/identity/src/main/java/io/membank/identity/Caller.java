package io.membank.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the tenant, subject and roles of the verified credential. */
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

  /** Whether the credential carries the role. */
  public boolean hasRole(String role) {
    return roles().contains(role);
  }
}
