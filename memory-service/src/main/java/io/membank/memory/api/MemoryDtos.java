package io.membank.memory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.membank.http.Ids;
import io.membank.memory.ingest.pipeline.JobResult;
import io.membank.memory.store.MemoryEntity;
import io.membank.memory.store.MemoryHistoryEntity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the Memory API v1 (JSON names are snake_case). */
public final class MemoryDtos {

  /** Ids a client names (users, agents, sessions). */
  public static final String ID_PATTERN = Ids.PATTERN;

  private MemoryDtos() {}

  /**
   * One turn of the conversation (the shape mem0, Zep and OpenAI use).
   *
   * @param name the speaker's name, when the role alone does not say who spoke
   * @param timestamp when it was said (event time)
   */
  public record Message(
      @Size(max = 128) String id,
      @NotBlank
          @Pattern(
              regexp = "user|assistant|system|tool",
              message = "must be user, assistant, system or tool")
          String role,
      @NotNull @Size(max = 32768) String content,
      OffsetDateTime timestamp,
      @Size(max = 128) String name) {}

  /** The latest user/assistant exchange. */
  public record CurrentExchange(
      @Size(max = 32768) String userMessage,
      @Size(max = 32768) String assistantMessage,
      OffsetDateTime timestamp) {}

  /** Conversation context sent with a write (RFC §4.5). */
  public record ConversationContext(
      @Valid CurrentExchange currentExchange,
      @Size(max = 100) List<@NotNull @Valid Message> recentMessages,
      @Size(max = 16384) String rollingSummary,
      @Pattern(regexp = ID_PATTERN) String sessionId) {}

  /**
   * POST /memories: {@code content}, {@code messages} or {@code context.current_exchange}.
   *
   * @param messages the conversation's turns (the batch endpoint's vocabulary); facts come from the
   *     user's turns
   * @param infer false: store the given text as one memory verbatim, without extraction or decision
   *     (default true)
   * @param timestamp when the conversation happened (event time); memories carry it as {@code
   *     occurred_at} and are valid from it
   * @param expiresAt when the memories stop being returned (default: the tenant's TTL, if any)
   */
  public record AddMemoryRequest(
      @NotBlank @Pattern(regexp = ID_PATTERN) String userId,
      @Pattern(regexp = ID_PATTERN) String agentId,
      @Pattern(regexp = ID_PATTERN) String sessionId,
      String content,
      @Valid ConversationContext context,
      Map<String, Object> metadata,
      @Size(max = 128) String customId,
      @Size(max = 500) List<@NotNull @Valid Message> messages,
      Boolean infer,
      OffsetDateTime timestamp,
      OffsetDateTime expiresAt) {}

  /** 202 answer to a write. */
  public record JobAccepted(UUID jobId, String status, boolean duplicate) {}

  /** GET /jobs/{id}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JobView(
      UUID id,
      String status,
      double progress,
      UUID batchId,
      @Schema(implementation = JobResult.class) Map<String, Object> result,
      String error,
      OffsetDateTime createdAt,
      OffsetDateTime startedAt,
      OffsetDateTime completedAt) {}

  /** A memory as the API returns it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MemoryView(
      UUID id,
      String userId,
      String agentId,
      String sessionId,
      String content,
      String type,
      double importance,
      List<String> entities,
      Map<String, Object> metadata,
      Map<String, Object> provenance,
      int version,
      OffsetDateTime validFrom,
      OffsetDateTime validTo,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      OffsetDateTime occurredAt,
      OffsetDateTime expiresAt) {

    public static MemoryView of(MemoryEntity m) {
      return new MemoryView(
          m.id,
          m.userId,
          m.agentId,
          m.sessionId,
          m.content,
          m.type.wireName(),
          m.importance,
          m.entities,
          m.metadata,
          m.provenance,
          m.version,
          m.validFrom,
          m.validTo,
          m.createdAt,
          m.updatedAt,
          m.occurredAt,
          m.expiresAt);
    }
  }

  /**
   * GET /users/{user_id}/memories.
   *
   * @param nextCursor give it as {@code cursor} for the next page; absent on the last page
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MemoryPage(
      List<MemoryView> memories, long total, int limit, int offset, String nextCursor) {}

  /** PUT /memories/{id}: a manual edit (a new version). */
  public record EditMemoryRequest(@NotBlank String content, Map<String, Object> metadata) {}

  /** One version in GET /memories/{id}/history. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HistoryEntry(
      int version,
      String reason,
      String previousContent,
      String content,
      Map<String, Object> metadata,
      UUID jobId,
      String actor,
      OffsetDateTime changedAt) {

    public static HistoryEntry of(MemoryHistoryEntity h) {
      return new HistoryEntry(
          h.version,
          h.reason,
          h.previousContent,
          h.content,
          h.metadata,
          h.jobId,
          h.actor,
          h.changedAt);
    }
  }

  /** GET /memories/{id}/history. */
  public record History(UUID memoryId, List<HistoryEntry> history) {}

  /** One conversation of a batch import. */
  public record BatchConversation(
      @Pattern(regexp = ID_PATTERN) String sessionId,
      @Pattern(regexp = ID_PATTERN) String agentId,
      @NotEmpty @Size(max = 500) List<@NotNull @Valid Message> messages,
      OffsetDateTime timestamp,
      Map<String, Object> metadata) {}

  /** Options of a batch import. */
  public record BatchOptions(
      @Min(0) @Max(9) Integer priority,
      Boolean skipDuplicates,
      @Pattern(regexp = "replace|merge|skip") String mergeStrategy) {}

  /** POST /memories/batch. */
  public record BatchRequest(
      @NotBlank @Pattern(regexp = ID_PATTERN) String userId,
      @NotEmpty @Size(max = 1000) List<@NotNull @Valid BatchConversation> conversations,
      @Valid BatchOptions options) {}

  /** 202 answer to a batch. */
  public record BatchAccepted(UUID batchId, int jobCount) {}

  /** GET /batches/{id}. */
  public record BatchView(
      UUID id,
      String userId,
      int jobCount,
      Map<String, Long> jobsByStatus,
      double progress,
      String status,
      List<UUID> jobIds,
      OffsetDateTime createdAt) {}

  /** DELETE /users/{user_id}/memories. */
  public record DeletedCount(int deleted) {}
}
