package io.membank.cost.access;

import io.membank.cost.audit.AuditTrail;
import io.membank.cost.config.CostConfig;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.TreeSet;

/**
 * Platform-wide changes (prices, re-pricing, global budgets) belong to the admins of the configured
 * operator tenant; a tenant's admin changes only its own tenant.
 */
@RequestScoped
public class Operators {

  private final Caller caller;
  private final CostConfig config;

  Operators(Caller caller, CostConfig config) {
    this.caller = caller;
    this.config = config;
  }

  /** Whether the caller is an admin of the operator tenant. */
  public boolean isOperator() {
    return caller.hasRole(Roles.ADMIN)
        && config.operatorTenant().map(caller.tenant()::equals).orElse(false);
  }

  /** The caller as the actor of an audited change. */
  public AuditTrail.Actor actor() {
    return new AuditTrail.Actor(
        "user", caller.subject(), List.copyOf(new TreeSet<>(caller.roles())));
  }

  /** Refuses (403) unless the caller is an admin of the operator tenant. */
  public void require(String what) {
    if (!isOperator()) {
      throw new ProblemException(
          Problem.of(403, "operator-only", "Forbidden", "only operator admins may " + what));
    }
  }
}
