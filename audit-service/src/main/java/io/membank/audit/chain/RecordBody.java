package io.membank.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.risk.Classification;
import io.membank.audit.risk.RiskLevel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The hashed form of a record (canonical JSON, see {@link ChainHash}) and the searchable columns
 * derived from it. Verification re-derives the columns from the body: a column edited in the
 * database no longer matches the hashed body.
 */
public final class RecordBody {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordBody() {}

  /** The searchable columns of a record; equal for a body and its untouched row. */
  public record Columns(
      String tenantId,
      long seq,
      String eventId,
      String eventType,
      Instant occurredAt,
      Instant recordedAt,
      String service,
      String actorType,
      String actorId,
      String action,
      String resourceType,
      String resourceId,
      String resourceOwnerId,
      String outcome,
      String risk,
      int riskRank,
      List<String> compliance) {}

  /** Timestamps are kept at PostgreSQL's precision, so a row reads back exactly as hashed. */
  public static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The canonical body of a record with nothing sealed. */
  public static String canonical(AuditEntry e, Classification c, long seq, Instant recordedAt) {
    return canonical(e, c, seq, recordedAt, null);
  }

  /**
   * The canonical body of a record; {@code sealed} are its sealed groups ({@link SealedFields}),
   * hashed as ciphertext.
   */
  public static String canonical(
      AuditEntry e, Classification c, long seq, Instant recordedAt, ArrayNode sealed) {
    ObjectNode body = NODES.objectNode();
    body.put("tenant_id", e.tenantId());
    body.put("seq", seq);
    body.put("event_id", e.eventId());
    body.put("event_type", e.eventType());
    body.put("source", e.source());
    body.put("occurred_at", stored(e.occurredAt()).toString());
    body.put("recorded_at", stored(recordedAt).toString());
    body.put("service", e.service());
    ObjectNode actor = body.putObject("actor");
    actor.put("type", e.actor().type());
    actor.put("id", e.actor().id());
    actor.put("name", e.actor().name());
    if (e.actor().roles() != null) {
      actor.set("roles", strings(e.actor().roles()));
    }
    body.put("action", e.action());
    ObjectNode resource = body.putObject("resource");
    resource.put("type", e.resource().type());
    resource.put("id", e.resource().id());
    resource.put("owner_id", e.resource().ownerId());
    body.put("outcome", e.outcome());
    body.put("ip", e.ip());
    body.put("user_agent", e.userAgent());
    body.put("session_id", e.sessionId());
    body.put("trace_id", e.traceId());
    body.put("request_id", e.requestId());
    if (e.details() != null) {
      body.set("details", e.details());
    }
    body.put("risk", c.risk().wire());
    body.set("risk_reasons", strings(c.reasons()));
    body.set("compliance", strings(c.compliance()));
    if (e.intakeWarnings() != null && !e.intakeWarnings().isEmpty()) {
      body.set("intake_warnings", strings(e.intakeWarnings()));
    }
    if (sealed != null && !sealed.isEmpty()) {
      body.set("sealed", sealed);
    }
    return ChainHash.canonical(body);
  }

  /** The columns a body implies. */
  public static Columns columns(JsonNode body) {
    JsonNode actor = body.path("actor");
    JsonNode resource = body.path("resource");
    String risk = text(body, "risk");
    List<String> compliance = new ArrayList<>();
    body.path("compliance").forEach(r -> compliance.add(r.asText()));
    return new Columns(
        text(body, "tenant_id"),
        body.path("seq").asLong(),
        text(body, "event_id"),
        text(body, "event_type"),
        instant(body, "occurred_at"),
        instant(body, "recorded_at"),
        text(body, "service"),
        text(actor, "type"),
        text(actor, "id"),
        text(body, "action"),
        text(resource, "type"),
        text(resource, "id"),
        text(resource, "owner_id"),
        text(body, "outcome"),
        risk,
        risk == null ? -1 : rank(risk),
        List.copyOf(compliance));
  }

  private static int rank(String risk) {
    try {
      return RiskLevel.of(risk).ordinal();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
