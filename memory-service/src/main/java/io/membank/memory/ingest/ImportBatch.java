package io.membank.memory.ingest;

import io.membank.memory.decide.MergeStrategy;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** An import of many conversations of one user: one job per conversation. */
public record ImportBatch(String userId, List<Conversation> conversations, Options options) {

  /** One conversation of the import. */
  public record Conversation(
      String sessionId,
      String agentId,
      List<Turn> messages,
      OffsetDateTime timestamp,
      Map<String, Object> metadata) {}

  /**
   * How the import runs; null fields take the defaults.
   *
   * @param priority 0 (first) … 9; default 5
   * @param skipDuplicates drop facts the user already has; default true
   * @param mergeStrategy default merge
   */
  public record Options(Integer priority, Boolean skipDuplicates, MergeStrategy mergeStrategy) {

    /** Priority of jobs whose request names none. */
    public static final int DEFAULT_PRIORITY = 5;

    public int priorityOrDefault() {
      return priority == null ? DEFAULT_PRIORITY : priority;
    }

    public boolean skipDuplicatesOrDefault() {
      return skipDuplicates == null || skipDuplicates;
    }

    public MergeStrategy mergeStrategyOrDefault() {
      return mergeStrategy == null ? MergeStrategy.merge : mergeStrategy;
    }
  }
}
