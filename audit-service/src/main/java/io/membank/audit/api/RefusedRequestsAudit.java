package io.membank.audit.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.contracts.AuditEvent;
import io.membank.identity.RefusedRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Puts every refused request to audit-service itself (a 403 of an authenticated caller, e.g. a
 * writer asking for the trail) on the caller tenant's trail, through the same append path as every
 * other event, so the burst rule sees them.
 */
@ApplicationScoped
public class RefusedRequestsAudit {

  @Inject AuditLog log;

  void onRefused(@ObservesAsync RefusedRequests.RefusedRequest refused) {
    AuditEvent e = refused.event();
    log.append(
        AuditEntry.own(
            e.tenantId(),
            UUID.randomUUID().toString(),
            new AuditEntry.Actor(e.actor().type(), e.actor().id(), null, e.actor().roles()),
            "access",
            new AuditEntry.Resource(e.resource().type(), e.resource().id(), null),
            "unauthorized",
            JsonNodeFactory.instance.objectNode().put("status", 403),
            e.ip(),
            e.userAgent(),
            e.requestId(),
            e.traceId()));
  }
}
