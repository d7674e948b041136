package io.membank.audit.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.config.AuditConfig;
import io.membank.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an {@code audit.events} CloudEvent leniently. Only what the chain cannot do without makes a
 * record poison (not JSON, no event id, not an audit event, no valid tenant): such records go to
 * the dead-letter topic. Every optional field that is missing or malformed is repaired or dropped,
 * and the repair is noted in the record's {@code intake_warnings}, so no event is lost for it.
 */
public final class AuditEventParser {

  /** The tenant rule of MemBank credentials. */
  static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final AuditConfig.Intake limits;

  public AuditEventParser(AuditConfig.Intake limits) {
    this.limits = limits;
  }

  /** A record that can never be stored; it goes to the dead-letter topic with the reason. */
  public static class PoisonEvent extends IllegalArgumentException {
    public PoisonEvent(String reason) {
      super(reason);
    }
  }

  /** Parses one record value. */
  public AuditEntry parse(String payload) {
    JsonNode envelope;
    try {
      envelope = payload == null ? null : JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new PoisonEvent("not JSON");
    }
    if (envelope == null || !envelope.isObject()) {
      throw new PoisonEvent("not a JSON object");
    }
    String id = plain(envelope.get("id"));
    if (id == null || id.isBlank() || id.length() > 200) {
      throw new PoisonEvent("no usable CloudEvent id");
    }
    String type = plain(envelope.get("type"));
    if (type == null || !type.startsWith("membank.audit.")) {
      throw new PoisonEvent("not an audit event: type " + type);
    }
    JsonNode data = envelope.get("data");
    if (data == null || !data.isObject()) {
      throw new PoisonEvent("no data object");
    }
    String tenant = tenant(envelope, data);

    List<String> warnings = new ArrayList<>();
    Fields f = new Fields(warnings);
    Instant occurredAt = occurredAt(data, envelope, warnings);
    String source = f.text(envelope, "source", "source");
    String service = f.text(data, "service", "service");
    if (service == null) {
      service = source != null ? source.substring(source.lastIndexOf('/') + 1) : "unknown";
      warnings.add("service missing: taken from source");
    }

    JsonNode actorNode = data.get("actor");
    if (actorNode == null || !actorNode.isObject()) {
      warnings.add("actor missing or not an object");
      actorNode = JSON.createObjectNode();
    }
    String actorType = lower(f.text(actorNode, "type", "actor.type"));
    AuditEntry.Actor actor =
        new AuditEntry.Actor(
            actorType == null ? "unknown" : actorType,
            f.text(actorNode, "id", "actor.id"),
            f.text(actorNode, "name", "actor.name"),
            f.strings(actorNode, "roles", "actor.roles"));

    JsonNode resourceNode = data.get("resource");
    if (resourceNode == null || !resourceNode.isObject()) {
      warnings.add("resource missing or not an object");
      resourceNode = JSON.createObjectNode();
    }
    String resourceType = lower(f.text(resourceNode, "type", "resource.type"));
    AuditEntry.Resource resource =
        new AuditEntry.Resource(
            resourceType == null ? "unknown" : resourceType,
            f.text(resourceNode, "id", "resource.id"),
            f.text(resourceNode, "owner_id", "resource.owner_id"));

    String action = lower(f.text(data, "action", "action"));
    String outcome = lower(f.text(data, "outcome", "outcome"));
    if (action == null) {
      warnings.add("action missing");
    }
    if (outcome == null) {
      warnings.add("outcome missing");
    }
    return new AuditEntry(
        tenant,
        id,
        type,
        source,
        occurredAt,
        service,
        actor,
        action == null ? "unknown" : action,
        resource,
        outcome == null ? "unknown" : outcome,
        f.text(data, "ip", "ip"),
        f.text(data, "user_agent", "user_agent"),
        f.text(data, "session_id", "session_id"),
        f.text(data, "trace_id", "trace_id"),
        f.text(data, "request_id", "request_id"),
        details(data.get("details"), warnings),
        List.copyOf(warnings));
  }

  private static String tenant(JsonNode envelope, JsonNode data) {
    String inData = plain(data.get("tenant_id"));
    String inEnvelope = plain(envelope.get("tenantid"));
    String tenant = inData != null ? inData : inEnvelope;
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new PoisonEvent("no valid tenant");
    }
    if (inData != null && inEnvelope != null && !inData.equals(inEnvelope)) {
      throw new PoisonEvent("tenant_id and tenantid disagree");
    }
    return tenant;
  }

  private static Instant occurredAt(JsonNode data, JsonNode envelope, List<String> warnings) {
    for (JsonNode candidate : new JsonNode[] {data.get("occurred_at"), envelope.get("time")}) {
      String text = plain(candidate);
      if (text != null) {
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
          warnings.add("unparseable time " + abbreviate(text));
        }
      }
    }
    warnings.add("occurred_at missing: time of intake used");
    return Instant.now();
  }

  private ObjectNode details(JsonNode details, List<String> warnings) {
    if (details == null || details.isNull()) {
      return null;
    }
    if (!details.isObject()) {
      warnings.add("details dropped: not an object");
      return null;
    }
    int size = details.toString().getBytes(StandardCharsets.UTF_8).length;
    if (size > limits.maxDetailsBytes()) {
      warnings.add("details dropped: " + size + " bytes");
      return JSON.createObjectNode().put("_dropped_bytes", size);
    }
    return (ObjectNode) clean(details);
  }

  /** PostgreSQL text cannot hold NUL: strip it wherever it hides in details. */
  private static JsonNode clean(JsonNode node) {
    if (node.isTextual() && node.asText().indexOf('\0') >= 0) {
      return JSON.getNodeFactory().textNode(node.asText().replace("\0", ""));
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      node.fields()
          .forEachRemaining(e -> copy.set(e.getKey().replace("\0", ""), clean(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(n -> copy.add(clean(n)));
      return copy;
    }
    return node;
  }

  private static String plain(JsonNode node) {
    return node == null || !node.isTextual() ? null : node.asText();
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** Reads optional fields, noting every repair. */
  private final class Fields {
    private final List<String> warnings;

    Fields(List<String> warnings) {
      this.warnings = warnings;
    }

    /** A string field: scalars are taken as text, anything else is dropped; NUL and length cut. */
    String text(JsonNode parent, String field, String name) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isValueNode()) {
        warnings.add(name + " dropped: not a string");
        return null;
      }
      String value = node.asText().replace("\0", "");
      if (!node.isTextual()) {
        warnings.add(name + " was not a string");
      }
      if (value.length() > limits.maxFieldChars()) {
        warnings.add(name + " cut to " + limits.maxFieldChars() + " characters");
        value = value.substring(0, limits.maxFieldChars());
      }
      return value.isEmpty() ? null : value;
    }

    /** A list of strings; other elements are dropped. */
    List<String> strings(JsonNode parent, String field, String name) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isArray()) {
        warnings.add(name + " dropped: not a list");
        return null;
      }
      List<String> values = new ArrayList<>();
      for (JsonNode element : node) {
        if (element.isTextual() && element.asText().length() <= limits.maxFieldChars()) {
          values.add(element.asText().replace("\0", ""));
        } else {
          warnings.add(name + " element dropped");
        }
      }
      return List.copyOf(values);
    }
  }
}
