package io.membank.diagnostics.api;

import io.membank.diagnostics.config.DiagnosticsConfig;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import jakarta.enterprise.context.RequestScoped;

/**
 * Diagnoses describe the platform, not a customer: they belong to the operations tenant, and only
 * its admins read or act on them. Other tenants get a 403 (there is nothing of theirs here).
 */
@RequestScoped
public class OperationsScope {

  private final Caller caller;
  private final String operationsTenant;

  public OperationsScope(Caller caller, DiagnosticsConfig config) {
    this.caller = caller;
    this.operationsTenant = config.operationsTenant();
  }

  /** The operations tenant, when the caller belongs to it; a 403 otherwise. */
  public String require() {
    if (!operationsTenant.equals(caller.tenant())) {
      throw new ProblemException(
          Problem.of(
              403,
              "not-operations-tenant",
              "Forbidden",
              "diagnostics belong to the operations tenant; the credential's tenant is another"));
    }
    return operationsTenant;
  }

  public String subject() {
    return caller.subject();
  }
}
