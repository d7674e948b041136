package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Data of {@code memory.events}: the full state of one memory after a change. Consumers upsert by
 * {@code memoryId} and ignore any event whose {@code version} is not newer than what they hold.
 *
 * <p>{@code occurredAt} is when what the memory tells happened (the conversation's event time),
 * null when the client gave none; {@code expiresAt} is when the memory stops being returned, null
 * for never; {@code source} is the text of the message(s) the memory was extracted from, searched
 * as a field of its own, null when unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryEvent(
    @JsonProperty("memory_id") String memoryId,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("user_id") String userId,
    @JsonProperty("agent_id") String agentId,
    @JsonProperty("session_id") String sessionId,
    Operation operation,
    long version,
    String content,
    String type,
    Double importance,
    List<String> entities,
    Map<String, Object> metadata,
    @JsonProperty("valid_from") OffsetDateTime validFrom,
    @JsonProperty("valid_to") OffsetDateTime validTo,
    @JsonProperty("created_at") OffsetDateTime createdAt,
    @JsonProperty("updated_at") OffsetDateTime updatedAt,
    Provenance provenance,
    @JsonProperty("occurred_at") OffsetDateTime occurredAt,
    @JsonProperty("expires_at") OffsetDateTime expiresAt,
    String source) {

  /** A memory event without the source text (what producers sent before it existed). */
  public MemoryEvent(
      String memoryId,
      String tenantId,
      String userId,
      String agentId,
      String sessionId,
      Operation operation,
      long version,
      String content,
      String type,
      Double importance,
      List<String> entities,
      Map<String, Object> metadata,
      OffsetDateTime validFrom,
      OffsetDateTime validTo,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      Provenance provenance,
      OffsetDateTime occurredAt,
      OffsetDateTime expiresAt) {
    this(
        memoryId,
        tenantId,
        userId,
        agentId,
        sessionId,
        operation,
        version,
        content,
        type,
        importance,
        entities,
        metadata,
        validFrom,
        validTo,
        createdAt,
        updatedAt,
        provenance,
        occurredAt,
        expiresAt,
        null);
  }

  /** A memory event without event time or expiry (what producers sent before they existed). */
  public MemoryEvent(
      String memoryId,
      String tenantId,
      String userId,
      String agentId,
      String sessionId,
      Operation operation,
      long version,
      String content,
      String type,
      Double importance,
      List<String> entities,
      Map<String, Object> metadata,
      OffsetDateTime validFrom,
      OffsetDateTime validTo,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      Provenance provenance) {
    this(
        memoryId,
        tenantId,
        userId,
        agentId,
        sessionId,
        operation,
        version,
        content,
        type,
        importance,
        entities,
        metadata,
        validFrom,
        validTo,
        createdAt,
        updatedAt,
        provenance,
        null,
        null);
  }

  /**
   * The memory event in a {@code memory.events} record (a CloudEvent in JSON), checked for what
   * every consumer relies on: a memory type, id, tenant, user, operation and a positive version.
   *
   * @throws IllegalArgumentException when the record is none (a poison record: dead-letter it)
   */
  public static MemoryEvent fromRecord(String payload) {
    try {
      com.fasterxml.jackson.databind.JsonNode envelope =
          payload == null ? null : PARSER.readTree(payload);
      if (envelope == null || !envelope.path("type").asText("").startsWith("membank.memory.")) {
        throw new IllegalArgumentException("not a memory event");
      }
      MemoryEvent event = PARSER.treeToValue(envelope.path("data"), MemoryEvent.class);
      if (event == null
          || blank(event.memoryId())
          || blank(event.tenantId())
          || blank(event.userId())
          || event.operation() == null
          || event.version() < 1) {
        throw new IllegalArgumentException(
            "memory event without id, tenant, user, operation or version");
      }
      return event;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("memory event is not valid JSON", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper PARSER = EventJson.newMapper();

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** What happened to the memory. */
  public enum Operation {
    @JsonProperty("created")
    CREATED,
    @JsonProperty("updated")
    UPDATED,
    @JsonProperty("invalidated")
    INVALIDATED,
    @JsonProperty("deleted")
    DELETED
  }

  /** Where a memory came from: the session and messages it was extracted from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Provenance(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("session_id") String sessionId,
      @JsonProperty("message_ids") List<String> messageIds,
      @JsonProperty("message_timestamps") List<OffsetDateTime> messageTimestamps) {}
}
