package io.membank.audit.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.contracts.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * One audit event as the chain stores it, before risk tagging and chaining: normalized from an
 * {@code audit.events} CloudEvent (or written by this service for reads of the trail).
 *
 * @param eventId the CloudEvent id: the idempotency key within the tenant
 * @param details free-form details from the emitting service, or null
 * @param intakeWarnings what intake had to repair (bad optional fields), kept with the record
 */
public record AuditEntry(
    String tenantId,
    String eventId,
    String eventType,
    String source,
    Instant occurredAt,
    String service,
    Actor actor,
    String action,
    Resource resource,
    String outcome,
    String ip,
    String userAgent,
    String sessionId,
    String traceId,
    String requestId,
    ObjectNode details,
    List<String> intakeWarnings) {

  /** The name of this service in the records it writes itself. */
  public static final String SERVICE = "audit-service";

  /** CloudEvents source of this service. */
  public static final String SOURCE = "/membank/audit-service";

  /** Who acted. */
  public record Actor(String type, String id, String name, List<String> roles) {}

  /** What was acted on. */
  public record Resource(String type, String id, String ownerId) {}

  /**
   * A record audit-service writes about its own work (reads of the trail, report deliveries),
   * through the same append path as everything else.
   */
  public static AuditEntry own(
      String tenantId,
      String eventId,
      Actor actor,
      String action,
      Resource resource,
      String outcome,
      ObjectNode details,
      String ip,
      String userAgent,
      String requestId,
      String traceId) {
    return new AuditEntry(
        tenantId,
        eventId,
        EventTypes.AUDIT_RECORDED,
        SOURCE,
        Instant.now(),
        SERVICE,
        actor,
        action,
        resource,
        outcome,
        ip,
        userAgent,
        null,
        traceId,
        requestId,
        details,
        List.of());
  }

  /** A number found in details under one of the given names (e.g. record_count), or -1. */
  public long detailNumber(String... names) {
    if (details == null) {
      return -1;
    }
    for (String name : names) {
      var value = details.get(name);
      if (value != null && value.isNumber()) {
        return value.asLong();
      }
      if (value != null && value.isTextual() && value.asText().matches("\\d{1,18}")) {
        return Long.parseLong(value.asText());
      }
    }
    return -1;
  }
}
