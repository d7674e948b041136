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
 */
public record JobInput(
    String content,
    TurnContext context,
    List<Turn> messages,
    Map<String, Object> metadata,
    MergeStrategy mergeStrategy,
    boolean skipDuplicates,
    OffsetDateTime timestamp) {

  private static final ObjectMapper JSON = EventJson.newMapper();

  /** The input of a single write. */
  static JobInput of(AddMemories write) {
    TurnContext context = write.context();
    return new JobInput(
        write.content(),
        context,
        null,
        write.metadata(),
        MergeStrategy.merge,
        true,
        context != null && context.currentExchange() != null
            ? context.currentExchange().timestamp()
            : null);
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
        conversation.timestamp());
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
