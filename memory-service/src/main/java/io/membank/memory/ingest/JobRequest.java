package io.membank.memory.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.EventJson;
import io.membank.memory.api.MemoryDtos.ConversationContext;
import io.membank.memory.api.MemoryDtos.Message;
import io.membank.memory.decide.MergeStrategy;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a job learns from, as stored in its row: the user's text and context, the client's metadata,
 * and how to merge.
 */
public record JobRequest(
    String content,
    ConversationContext context,
    List<Message> messages,
    Map<String, Object> metadata,
    MergeStrategy mergeStrategy,
    boolean skipDuplicates,
    OffsetDateTime timestamp) {

  private static final ObjectMapper JSON = EventJson.newMapper();

  @SuppressWarnings("unchecked")
  Map<String, Object> toMap() {
    return JSON.convertValue(this, Map.class);
  }

  static JobRequest fromMap(Map<String, Object> map) {
    return JSON.convertValue(map, JobRequest.class);
  }
}
