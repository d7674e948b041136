package io.membank.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.AuditEvent;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.http.RequestIds;
import io.membank.http.Traces;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Watches the final status of every response and turns each refusal of an authenticated caller
 * (HTTP 403, whatever refused it: a role check, the tenant check, a resource) into an {@code
 * unauthorized} {@link AuditEvent} of the caller's tenant, fired as the asynchronous CDI event
 * {@link RefusedRequest}: the service observes it ({@code @ObservesAsync}, off the I/O thread) and
 * puts it on {@code audit.events}, so audit-service sees a burst of refusals and raises an alert. A
 * 401 has no verified tenant to file it under; {@code http_server_requests} counts those.
 */
@ApplicationScoped
public class RefusedRequests {

  private static final Logger LOG = Logger.getLogger(RefusedRequests.class);

  /** A refused request, as the audit event to record. */
  public record RefusedRequest(AuditEvent event) {

    private static final ObjectMapper JSON = EventJson.newMapper();

    /** The event as an {@code audit.events} record: a CloudEvent in JSON, from {@code source}. */
    public String asRecord(String source) {
      try {
        return JSON.writeValueAsString(
            CloudEvent.of(
                EventTypes.AUDIT_RECORDED, source, event.resource().id(), event.tenantId(), event));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("audit event not serializable", e);
      }
    }
  }

  @Inject Event<RefusedRequest> refused;

  @ConfigProperty(name = "quarkus.application.name")
  String service;

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
    AuditEvent event = event(rc, user.getSecurityIdentity(), jwt);
    refused
        .fireAsync(new RefusedRequest(event))
        .exceptionally(
            e -> {
              LOG.warnf(
                  "audit.refused.unrecorded tenant=%s resource=%s reason=%s",
                  event.tenantId(), event.resource().id(), e);
              return null;
            });
  }

  private AuditEvent event(RoutingContext rc, SecurityIdentity identity, JsonWebToken jwt) {
    boolean isService = identity.getRoles().contains(Roles.SERVICE);
    return new AuditEvent(
        jwt.getClaim(Caller.TENANT_CLAIM).toString(),
        OffsetDateTime.now(),
        service,
        new AuditEvent.Actor(
            isService ? "service" : "user",
            jwt.getSubject(),
            null,
            List.copyOf(new TreeSet<>(identity.getRoles()))),
        AuditEvent.Action.ACCESS,
        new AuditEvent.Resource("api", rc.request().method() + " " + rc.normalizedPath(), null),
        AuditEvent.Outcome.UNAUTHORIZED,
        rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress(),
        rc.request().getHeader("User-Agent"),
        null,
        Traces.currentTraceId(),
        rc.response().headers().get(RequestIds.HEADER),
        Map.of("status", 403));
  }
}
