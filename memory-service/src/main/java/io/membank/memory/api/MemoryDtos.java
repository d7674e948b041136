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
      @Schema(
              description = "The caller's id for this message (kept in the memory's provenance)",
              example = "msg-17")
          @Size(max = 128)
          String id,
      @Schema(
              description =
                  "Who spoke: user, assistant, system or tool; facts come from the user's turns",
              example = "user")
          @NotBlank
          @Pattern(
              regexp = "user|assistant|system|tool",
              message = "must be user, assistant, system or tool")
          String role,
      @Schema(description = "What was said", example = "I moved to Lisbon last month.")
          @NotNull
          @Size(max = 32768)
          String content,
      @Schema(
              description = "When it was said (event time, ISO-8601)",
              example = "2025-03-14T18:30:00Z")
          OffsetDateTime timestamp,
      @Schema(
              description = "The speaker's name, when the role alone does not say who spoke",
              example = "alice")
          @Size(max = 128)
          String name) {}

  /** The latest user/assistant exchange. */
  public record CurrentExchange(
      @Schema(description = "The user's latest message", example = "I switched to oat milk.")
          @Size(max = 32768)
          String userMessage,
      @Schema(
              description = "The assistant's answer to it",
              example = "Noted, oat milk from now on.")
          @Size(max = 32768)
          String assistantMessage,
      @Schema(
              description = "When the exchange happened (event time, ISO-8601)",
              example = "2025-03-14T18:30:00Z")
          OffsetDateTime timestamp) {}

  /** Conversation context sent with a write (RFC §4.5). */
  public record ConversationContext(
      @Schema(description = "The latest user/assistant exchange; facts are extracted from it")
          @Valid
          CurrentExchange currentExchange,
      @Schema(
              description =
                  "Earlier turns, oldest first, to resolve references in the current exchange (not stored)")
          @Size(max = 100)
          List<@NotNull @Valid Message> recentMessages,
      @Schema(
              description = "A summary of the conversation so far, for context only (not stored)",
              example = "Planning a trip to Japan.")
          @Size(max = 16384)
          String rollingSummary,
      @Schema(description = "The conversation's session id", example = "s-42")
          @Pattern(regexp = ID_PATTERN)
          String sessionId) {}

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
      @Schema(description = "Whose memories these are", example = "alice")
          @NotBlank
          @Pattern(regexp = ID_PATTERN)
          String userId,
      @Schema(
              description = "The assistant (agent) the conversation was with",
              example = "travel-bot")
          @Pattern(regexp = ID_PATTERN)
          String agentId,
      @Schema(description = "The conversation's session id", example = "s-42")
          @Pattern(regexp = ID_PATTERN)
          String sessionId,
      @Schema(
              description = "Text to remember (a fact, or an exchange in plain text)",
              example = "I love surfing.")
          String content,
      @Schema(
              description =
                  "The conversation as context: its current exchange is what is extracted")
          @Valid
          ConversationContext context,
      @Schema(
              description = "Free key/value pairs stored with every resulting memory (filterable)",
              example = "{\"source\": \"chat\"}")
          Map<String, Object> metadata,
      @Schema(
              description =
                  "The caller's id for this write: a retry with the same custom_id returns the same job",
              example = "import-2025-03-14-001")
          @Size(max = 128)
          String customId,
      @Schema(description = "The conversation's turns; facts come from the user's turns")
          @Size(max = 500)
          List<@NotNull @Valid Message> messages,
      @Schema(
              description =
                  "false stores the user's text as one memory verbatim, without extraction or decision (default true)",
              example = "true")
          Boolean infer,
      @Schema(
              description =
                  "When the conversation happened (event time): memories carry it as occurred_at and are valid from it",
              example = "2025-03-14T18:30:00Z")
          OffsetDateTime timestamp,
      @Schema(
              description =
                  "When the memories stop being returned (default: the tenant's TTL, if any)",
              example = "2030-01-01T00:00:00Z")
          OffsetDateTime expiresAt) {}

  /** 202 answer to a write. */
  public record JobAccepted(
      @Schema(
              description = "The ingestion job to poll at GET /api/v1/jobs/{job_id}",
              example = "6f1c2a8e-4b1d-4c44-9a57-0b8f3f1e2d10")
          UUID jobId,
      @Schema(
              description = "The job's status now: queued, processing, completed or failed",
              example = "queued")
          String status,
      @Schema(
              description =
                  "true when this request repeated an earlier one (same Idempotency-Key or custom_id): the job is that request's",
              example = "false")
          boolean duplicate) {}

  /** GET /jobs/{id}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JobView(
      @Schema(description = "The job's id", example = "6f1c2a8e-4b1d-4c44-9a57-0b8f3f1e2d10")
          UUID id,
      @Schema(description = "queued, processing, completed or failed", example = "completed")
          String status,
      @Schema(description = "Fraction done, 0 to 1", example = "1.0") double progress,
      @Schema(description = "The batch import the job belongs to, if any") UUID batchId,
      @Schema(
              description = "What the job decided and changed, once completed (absent before)",
              implementation = JobResult.class)
          Map<String, Object> result,
      @Schema(
              description = "Why the job failed, or (starting 'waiting: ') why it waits",
              example = "waiting: search-service is busy (similar-memories lookup); retrying")
          String error,
      @Schema(description = "When the job was accepted", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "When processing started", example = "2026-12-04T07:00:00.2Z")
          OffsetDateTime startedAt,
      @Schema(description = "When processing ended", example = "2026-12-04T07:00:00.4Z")
          OffsetDateTime completedAt) {}

  /** A memory as the API returns it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MemoryView(
      @Schema(description = "The memory's id", example = "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d")
          UUID id,
      @Schema(description = "Whose memory it is", example = "alice") String userId,
      @Schema(description = "The assistant the memory came from, if any", example = "travel-bot")
          String agentId,
      @Schema(description = "The session the memory came from, if any", example = "s-42")
          String sessionId,
      @Schema(description = "The remembered fact", example = "Lives in Lisbon") String content,
      @Schema(
              description =
                  "The memory's type: preference, personal_info, plan, relationship, health, event or fact",
              example = "fact")
          String type,
      @Schema(description = "How important the memory is, 0 to 1", example = "0.7")
          double importance,
      @Schema(description = "Names of the entities the memory mentions", example = "[\"Lisbon\"]")
          List<String> entities,
      @Schema(
              description = "The key/value pairs given with the write",
              example = "{\"source\": \"chat\"}")
          Map<String, Object> metadata,
      @Schema(description = "Where the memory came from: job, extractor, source messages")
          Map<String, Object> provenance,
      @Schema(
              description = "The memory's version, 1 for a new memory, +1 per change",
              example = "1")
          int version,
      @Schema(
              description = "From when the fact holds (event time)",
              example = "2025-03-14T18:30:00Z")
          OffsetDateTime validFrom,
      @Schema(
              description =
                  "Until when the fact held: set when a later fact contradicted it (absent while valid)")
          OffsetDateTime validTo,
      @Schema(description = "When the memory was stored", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "When the memory last changed", example = "2026-12-04T07:00:00Z")
          OffsetDateTime updatedAt,
      @Schema(
              description = "When the conversation it came from happened (the write's timestamp)",
              example = "2025-03-14T18:30:00Z")
          OffsetDateTime occurredAt,
      @Schema(description = "When the memory stops being returned, if it expires")
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
      @Schema(description = "This page's memories") List<MemoryView> memories,
      @Schema(description = "How many memories match, over all pages", example = "42") long total,
      @Schema(description = "The page size asked for", example = "20") int limit,
      @Schema(description = "The offset of this page", example = "0") int offset,
      @Schema(
              description = "Give it as cursor for the next page; absent on the last page",
              example = "eyJjcmVhdGVkX2F0IjoiMjAyNi0xMi0wNFQwNzowMDowMFoifQ")
          String nextCursor) {}

  /** PUT /memories/{id}: a manual edit (a new version). */
  public record EditMemoryRequest(
      @Schema(description = "The memory's new content", example = "Lives in Porto") @NotBlank
          String content,
      @Schema(
              description = "The memory's new key/value pairs (replace the old ones when given)",
              example = "{\"source\": \"manual\"}")
          Map<String, Object> metadata) {}

  /** One version in GET /memories/{id}/history. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HistoryEntry(
      @Schema(description = "The version this entry created", example = "2") int version,
      @Schema(
              description = "Why it changed: extracted, merged, contradicted, edited or deleted",
              example = "edited")
          String reason,
      @Schema(description = "The content before this change", example = "Lives in Lisbon")
          String previousContent,
      @Schema(description = "The content after this change", example = "Lives in Porto")
          String content,
      @Schema(description = "The metadata after this change") Map<String, Object> metadata,
      @Schema(description = "The ingestion job that made the change, if any") UUID jobId,
      @Schema(
              description = "Who made the change (subject of the credential, or the job)",
              example = "alice")
          String actor,
      @Schema(description = "When the change happened", example = "2026-12-04T07:00:00Z")
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
  public record History(
      @Schema(description = "The memory's id", example = "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d")
          UUID memoryId,
      @Schema(description = "Every version, oldest first") List<HistoryEntry> history) {}

  /** One conversation of a batch import. */
  public record BatchConversation(
      @Schema(description = "The conversation's session id", example = "s-42")
          @Pattern(regexp = ID_PATTERN)
          String sessionId,
      @Schema(description = "The assistant the conversation was with", example = "travel-bot")
          @Pattern(regexp = ID_PATTERN)
          String agentId,
      @Schema(description = "The conversation's turns; facts come from the user's turns")
          @NotEmpty
          @Size(max = 500)
          List<@NotNull @Valid Message> messages,
      @Schema(
              description = "When the conversation happened (event time)",
              example = "2025-03-14T18:30:00Z")
          OffsetDateTime timestamp,
      @Schema(
              description = "Key/value pairs stored with every resulting memory",
              example = "{\"source\": \"import\"}")
          Map<String, Object> metadata) {}

  /** Options of a batch import. */
  public record BatchOptions(
      @Schema(description = "Queue priority, 0 (lowest) to 9", example = "5") @Min(0) @Max(9)
          Integer priority,
      @Schema(description = "Skip conversations already imported", example = "true")
          Boolean skipDuplicates,
      @Schema(
              description =
                  "How a fact that resembles or contradicts a memory is applied: merge (new version), replace (close the old, add the new) or skip (keep the old)",
              example = "merge")
          @Pattern(regexp = "replace|merge|skip")
          String mergeStrategy) {}

  /** POST /memories/batch. */
  public record BatchRequest(
      @Schema(description = "Whose memories these are", example = "alice")
          @NotBlank
          @Pattern(regexp = ID_PATTERN)
          String userId,
      @Schema(description = "The conversations to import: one job each") @NotEmpty @Size(max = 1000)
          List<@NotNull @Valid BatchConversation> conversations,
      @Schema(description = "Import options") @Valid BatchOptions options) {}

  /** 202 answer to a batch. */
  public record BatchAccepted(
      @Schema(
              description = "The batch to poll at GET /api/v1/batches/{batch_id}",
              example = "3c5b1f0e-8a77-4f2e-b1d9-1e2a3b4c5d6e")
          UUID batchId,
      @Schema(description = "How many jobs the batch has (one per conversation)", example = "3")
          int jobCount) {}

  /** GET /batches/{id}. */
  public record BatchView(
      @Schema(description = "The batch's id", example = "3c5b1f0e-8a77-4f2e-b1d9-1e2a3b4c5d6e")
          UUID id,
      @Schema(description = "Whose memories the batch imports", example = "alice") String userId,
      @Schema(description = "How many jobs the batch has", example = "3") int jobCount,
      @Schema(
              description = "Number of jobs per status",
              example = "{\"completed\": 2, \"running\": 1}")
          Map<String, Long> jobsByStatus,
      @Schema(description = "Fraction done, 0 to 1", example = "0.66") double progress,
      @Schema(
              description =
                  "queued, processing, completed, or completed_with_failures when some job failed",
              example = "processing")
          String status,
      @Schema(description = "The batch's jobs") List<UUID> jobIds,
      @Schema(description = "When the batch was accepted", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt) {}

  /** DELETE /users/{user_id}/memories. */
  public record DeletedCount(
      @Schema(description = "How many memories were deleted", example = "12") int deleted) {}
}
