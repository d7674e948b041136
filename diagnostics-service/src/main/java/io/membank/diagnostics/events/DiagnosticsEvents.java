package io.membank.diagnostics.events;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.diagnostics.config.DiagnosticsConfig;
import io.membank.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What diagnostics-service emits, written through platform/outbox on the caller's connection, so
 * the events commit or roll back with the state they describe; the outbox relay publishes them.
 */
@ApplicationScoped
public class DiagnosticsEvents {

  private final Outbox outbox;
  private final String tenant;

  public DiagnosticsEvents(Outbox outbox, DiagnosticsConfig config) {
    this.outbox = outbox;
    this.tenant = config.operationsTenant();
  }

  /** A diagnostics event on {@code diagnostics.events}, keyed by {@code subject}. */
  public void diagnostics(Connection c, String type, String subject, Object data)
      throws SQLException {
    outbox.add(c, Topics.DIAGNOSTICS_EVENTS, subject, type, subject, tenant, data);
  }

  /** An audit record of something diagnostics did or decided, on {@code audit.events}. */
  public void audit(
      Connection c,
      String actorId,
      AuditEvent.Action action,
      String resourceType,
      String resourceId,
      AuditEvent.Outcome outcome,
      Map<String, Object> details)
      throws SQLException {
    AuditEvent event =
        new AuditEvent(
            tenant,
            OffsetDateTime.now(ZoneOffset.UTC),
            "diagnostics-service",
            new AuditEvent.Actor(
                actorId.startsWith("service:") ? "service" : "user", actorId, null, null),
            action,
            new AuditEvent.Resource(resourceType, resourceId, null),
            outcome,
            null,
            null,
            null,
            null,
            null,
            details);
    outbox.add(
        c, Topics.AUDIT_EVENTS, tenant, EventTypes.AUDIT_RECORDED, resourceId, tenant, event);
  }
}
