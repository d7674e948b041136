package io.membank.audit.webhooks.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns bus records into webhook events. {@code memory.events} give the memory events (the full
 * memory state is the data); {@code audit.events} give job outcomes (resource type {@code
 * memory_job}, {@code details.status} completed or failed) and finished erasures (resource type
 * {@code erasure}, {@code details.status} completed). Every other record is no webhook event.
 */
public final class WebhookEventMapper {

  /** Resource type of job outcomes in {@code audit.events}. */
  public static final String JOB_RESOURCE = "memory_job";

  /** Resource type of erasure requests in {@code audit.events}. */
  public static final String ERASURE_RESOURCE = "erasure";

  private static final ObjectMapper JSON = EventJson.newMapper();

  private WebhookEventMapper() {}

  /**
   * The webhook event of a {@code memory.events} record.
   *
   * @throws IllegalArgumentException for a record that is no valid memory event (a poison record)
   */
  public static WebhookEvent fromMemoryRecord(String payload) {
    MemoryEvent event = MemoryEvent.fromRecord(payload);
    JsonNode envelope = read(payload);
    EventType type =
        switch (event.operation()) {
          case CREATED -> EventType.MEMORY_ADDED;
          case UPDATED -> EventType.MEMORY_UPDATED;
          case INVALIDATED -> EventType.MEMORY_INVALIDATED;
          case DELETED -> EventType.MEMORY_DELETED;
        };
    return new WebhookEvent(
        requiredId(envelope), type, event.tenantId(), time(envelope), envelope.path("data"));
  }

  /**
   * The webhook event of an {@code audit.events} record, if it is one.
   *
   * @throws IllegalArgumentException for a record that is no valid audit event (a poison record)
   */
  public static Optional<WebhookEvent> fromAuditRecord(String payload) {
    JsonNode envelope = read(payload);
    if (!EventTypes.AUDIT_RECORDED.equals(envelope.path("type").asText())) {
      throw new IllegalArgumentException("not an audit event");
    }
    JsonNode data = envelope.path("data");
    String tenant = data.path("tenant_id").asText("");
    if (tenant.isBlank()) {
      throw new IllegalArgumentException("audit event without tenant_id");
    }
    JsonNode resource = data.path("resource");
    String status = data.path("details").path("status").asText("");
    Optional<EventType> type =
        switch (resource.path("type").asText("")) {
          case JOB_RESOURCE ->
              switch (status) {
                case "completed" -> Optional.of(EventType.JOB_COMPLETED);
                case "failed" -> Optional.of(EventType.JOB_FAILED);
                default -> Optional.empty();
              };
          case ERASURE_RESOURCE ->
              "completed".equals(status) && "success".equals(data.path("outcome").asText())
                  ? Optional.of(EventType.ERASURE_COMPLETED)
                  : Optional.empty();
          default -> Optional.empty();
        };
    return type.map(
        t -> new WebhookEvent(requiredId(envelope), t, tenant, time(envelope), body(t, data)));
  }

  /** What a receiver of a job or erasure event gets: the resource ids and the details. */
  private static JsonNode body(EventType type, JsonNode audit) {
    ObjectNode body = JSON.createObjectNode();
    JsonNode resource = audit.path("resource");
    String idField = type == EventType.ERASURE_COMPLETED ? "erasure_id" : "job_id";
    body.put(idField, resource.path("id").asText(null));
    if (resource.hasNonNull("owner_id")) {
      body.put("user_id", resource.path("owner_id").asText());
    }
    if (audit.path("details").isObject()) {
      audit.path("details").properties().forEach(e -> body.set(e.getKey(), e.getValue()));
    }
    return body;
  }

  private static JsonNode read(String payload) {
    try {
      JsonNode node = payload == null ? null : JSON.readTree(payload);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("record is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("record is not valid JSON", e);
    }
  }

  private static String requiredId(JsonNode envelope) {
    String id = envelope.path("id").asText("");
    if (id.isBlank()) {
      throw new IllegalArgumentException("event without id");
    }
    return id;
  }

  private static OffsetDateTime time(JsonNode envelope) {
    try {
      return envelope.hasNonNull("time")
          ? OffsetDateTime.parse(envelope.path("time").asText())
          : OffsetDateTime.now();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("event time is not RFC 3339", e);
    }
  }
}
