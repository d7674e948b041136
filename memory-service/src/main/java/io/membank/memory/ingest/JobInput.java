package io.membank.memory.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.EventJson;
import io.membank.memory.decide.MergeStrategy;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a job learns from, as stored in its row ({@code jobs.request}): the user's text and context
 * or a conversation's turns, the client's metadata, and how to merge.
 *
 * @param timestamp when the conversation happened, if the client said
 * @param infer false: store the user's text verbatim as one memory; null (jobs accepted before the
 *     option existed) means true
 * @param expiresAt when the job's memories stop being returned, or null for never
 */
public record JobInput(
    String content,
    TurnContext context,
    List<Turn> messages,
    Map<String, Object> metadata,
    MergeStrategy mergeStrategy,
    boolean skipDuplicates,
    OffsetDateTime timestamp,
    Boolean infer,
    OffsetDateTime expiresAt) {

  private static final ObjectMapper JSON = EventJson.newMapper();

  /** The input of a single write, expiring at {@code expiresAt} (already defaulted). */
  static JobInput of(AddMemories write, OffsetDateTime expiresAt) {
    TurnContext context = write.context();
    OffsetDateTime timestamp = write.timestamp();
    if (timestamp == null && context != null && context.currentExchange() != null) {
      timestamp = context.currentExchange().timestamp();
    }
    return new JobInput(
        write.content(),
        context,
        write.messages(),
        write.metadata(),
        MergeStrategy.merge,
        true,
        timestamp,
        write.infer(),
        expiresAt);
  }

  /** The input of one conversation of an import. */
  static JobInput of(ImportBatch.Conversation conversation, ImportBatch.Options options) {
    return new JobInput(
        null,
        null,
        conversation.messages(),
        conversation.metadata(),
        options.mergeStrategyOrDefault(),
        options.skipDuplicatesOrDefault(),
        conversation.timestamp(),
        true,
        null);
  }

  /** Whether facts are extracted (false: the user's text is stored verbatim). */
  public boolean extracts() {
    return infer == null || infer;
  }

  /**
   * The user's text as given, for a verbatim memory: {@code content}, else the latest exchange's
   * user message, else the user's turns one per line.
   */
  public String userText() {
    if (content != null && !content.isBlank()) {
      return content;
    }
    if (context != null && context.latestUserMessage() != null) {
      return context.latestUserMessage();
    }
    if (messages == null) {
      return "";
    }
    return String.join("\n", messages.stream().filter(Turn::byUser).map(Turn::content).toList());
  }

  /**
   * When what the job learns from happened: the write's timestamp, else the latest timestamp of the
   * user's turns; null when the client gave none.
   */
  public OffsetDateTime occurredAt() {
    if (timestamp != null) {
      return timestamp;
    }
    if (messages == null) {
      return null;
    }
    return messages.stream()
        .filter(Turn::byUser)
        .map(Turn::timestamp)
        .filter(java.util.Objects::nonNull)
        .max(java.util.Comparator.naturalOrder())
        .orElse(null);
  }

  /** The JSON stored in the job row. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toMap() {
    return JSON.convertValue(this, Map.class);
  }

  /** The input stored in a job row. */
  public static JobInput fromMap(Map<String, Object> map) {
    return JSON.convertValue(map, JobInput.class);
  }
}
