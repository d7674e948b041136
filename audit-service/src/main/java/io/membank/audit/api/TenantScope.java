package io.membank.audit.api;

import io.membank.audit.config.AuditConfig;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Which tenant's trail a request reads: the caller's own, always from the credential. Only an admin
 * of the configured operator tenant may name another tenant.
 */
@RequestScoped
public class TenantScope {

  @Inject Caller caller;
  @Inject AuditConfig config;

  /** The tenant to read; {@code requested} is the optional {@code tenant} parameter. */
  public String resolve(String requested) {
    String own = caller.tenant();
    if (requested == null || requested.isBlank() || requested.equals(own)) {
      return own;
    }
    boolean operator =
        caller.hasRole(Roles.ADMIN)
            && config.access().operatorTenant().map(own::equals).orElse(false);
    if (!operator) {
      throw new ProblemException(
          Problem.of(
              403,
              "tenant-forbidden",
              "Forbidden",
              "only operator admins may read another tenant's audit trail"));
    }
    return requested;
  }
}
