package io.membank.memory.audit;

import io.membank.contracts.AuditEvent;
import io.membank.http.RequestIds;
import io.membank.http.Traces;
import io.membank.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Puts every refused request of an authenticated caller (HTTP 403) on the tenant's audit trail as
 * an {@code unauthorized} attempt, so audit-service can see a burst of them and raise an alert.
 *
 * <p>It watches the final status of every response (whatever refused it: a role check, the tenant
 * check, a resource), and writes the record off the I/O thread, through the outbox. A 401 has no
 * verified tenant to file it under; those are counted by {@code http_server_requests} instead.
 */
@ApplicationScoped
public class DeniedRequests {

  private static final Logger LOG = Logger.getLogger(DeniedRequests.class);

  @Inject AuditTrail trail;

  void watch(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            rc -> {
              rc.addHeadersEndHandler(ignored -> onHeadersEnd(rc));
              rc.next();
            });
  }

  private void onHeadersEnd(RoutingContext rc) {
    if (rc.response().getStatusCode() != 403
        || !(rc.user() instanceof QuarkusHttpUser user)
        || !(user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt)
        || jwt.getClaim(Caller.TENANT_CLAIM) == null) {
      return;
    }
    SecurityIdentity identity = user.getSecurityIdentity();
    AuditEvent denied =
        new AuditEvent(
            jwt.getClaim(Caller.TENANT_CLAIM).toString(),
            OffsetDateTime.now(),
            AuditTrail.SERVICE,
            new AuditEvent.Actor(
                "user", jwt.getSubject(), null, List.copyOf(new TreeSet<>(identity.getRoles()))),
            AuditEvent.Action.ACCESS,
            new AuditEvent.Resource("api", rc.request().method() + " " + rc.normalizedPath(), null),
            AuditEvent.Outcome.UNAUTHORIZED,
            rc.request().remoteAddress() == null
                ? null
                : rc.request().remoteAddress().hostAddress(),
            rc.request().getHeader("User-Agent"),
            null,
            Traces.currentTraceId(),
            rc.response().headers().get(RequestIds.HEADER),
            Map.of("status", 403));
    // Never block the I/O thread on the database.
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                trail.recordDenied(denied);
              } catch (RuntimeException e) {
                LOG.warnf("audit.denied.unrecorded tenant=%s reason=%s", denied.tenantId(), e);
              }
            });
  }
}
