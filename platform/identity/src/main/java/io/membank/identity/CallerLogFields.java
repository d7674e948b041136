package io.membank.identity;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the verified caller into the log context of each request, so every log line of it carries
 * {@code tenant} (the credential's tenant) and {@code caller} (its subject, {@code sub}: usually an
 * application). The {@code user_id} field, whose memories a line is about, is set where that is
 * known (e.g. memory-service's job processing).
 */
public class CallerLogFields {

  /** Log context key of the caller's tenant. */
  public static final String TENANT = "tenant";

  /** Log context key of the caller's subject. */
  public static final String CALLER = "caller";

  @ServerRequestFilter
  public void put(ContainerRequestContext request) {
    if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt) {
      Object tenant = jwt.getClaim(Caller.TENANT_CLAIM);
      if (tenant != null) {
        MDC.put(TENANT, tenant.toString());
      }
      if (jwt.getSubject() != null) {
        MDC.put(CALLER, jwt.getSubject());
      }
    }
  }

  @ServerResponseFilter
  public void remove() {
    MDC.remove(TENANT);
    MDC.remove(CALLER);
  }
}
