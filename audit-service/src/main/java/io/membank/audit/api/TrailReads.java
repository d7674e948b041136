package io.membank.audit.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.http.RequestIds;
import io.membank.http.Traces;
import io.membank.identity.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Records every read of the audit trail (listings, verifications, reports) in the trail it read,
 * through the same append path as every other event. It runs before the answer is sent: a read that
 * cannot be recorded is not served.
 */
@RequestScoped
public class TrailReads {

  @Inject Caller caller;
  @Inject HttpServerRequest request;
  @Inject AuditLog log;

  /** Records that the caller did {@code action} on a trail resource of {@code tenant}. */
  public void record(
      String tenant, String action, String resourceType, String resourceId, ObjectNode details) {
    if (!tenant.equals(caller.tenant())) {
      details.put("caller_tenant", caller.tenant());
    }
    Object requestId = MDC.get(RequestIds.KEY);
    log.append(
        AuditEntry.own(
            tenant,
            UUID.randomUUID().toString(),
            new AuditEntry.Actor(
                "user", caller.subject(), null, caller.roles().stream().sorted().toList()),
            action,
            new AuditEntry.Resource(resourceType, resourceId, null),
            "success",
            details,
            request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
            request.getHeader("User-Agent"),
            requestId == null ? null : requestId.toString(),
            Traces.currentTraceId()));
  }
}
