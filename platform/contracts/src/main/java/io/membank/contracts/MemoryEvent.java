package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Data of {@code memory.events}: the full state of one memory after a change. Consumers upsert by
 * {@code memoryId} and ignore any event whose {@code version} is not newer than what they hold.
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
    Provenance provenance) {

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
