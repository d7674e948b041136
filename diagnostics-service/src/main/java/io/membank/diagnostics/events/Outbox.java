package io.membank.diagnostics.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.AuditEvent;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into the outbox table on the caller's connection, so they commit or roll back with
 * the state they describe; {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

  /** CloudEvents source of everything diagnostics-service emits. */
  public static final String SOURCE = "/membank/diagnostics-service";

  private static final ObjectMapper EVENTS = EventJson.newMapper();

  private final String suffix;
  private final String tenant;

  public Outbox(DiagnosticsConfig config) {
    this.suffix = config.topicSuffix().orElse("");
    this.tenant = config.operationsTenant();
  }

  /** A diagnostics event on {@code diagnostics.events}, keyed by {@code subject}. */
  public void diagnostics(Connection c, String type, String subject, Object data)
      throws SQLException {
    write(
        c, Topics.DIAGNOSTICS_EVENTS, subject, CloudEvent.of(type, SOURCE, subject, tenant, data));
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
    write(
        c,
        Topics.AUDIT_EVENTS,
        tenant,
        CloudEvent.of(EventTypes.AUDIT_RECORDED, SOURCE, resourceId, tenant, event));
  }

  private void write(Connection c, String topic, String key, CloudEvent<?> event)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into outbox (id, topic, message_key, event_type, payload) values (?, ?, ?, ?,"
                + " ?::jsonb)")) {
      ps.setObject(1, UUID.fromString(event.id()));
      ps.setString(2, topic + suffix);
      ps.setString(3, key);
      ps.setString(4, event.type());
      try {
        ps.setString(5, EVENTS.writeValueAsString(event));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("event not serialisable: " + e.getMessage(), e);
      }
      ps.executeUpdate();
    }
  }
}
