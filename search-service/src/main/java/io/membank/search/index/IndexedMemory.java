package io.membank.search.index;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A memory as the index returns it.
 *
 * @param occurredAt when what it tells happened (event time), or null in an older document
 * @param expiresAt when it stops being returned, or null for never
 * @param match why it matched (null when the store does not say)
 */
public record IndexedMemory(
    String id,
    String userId,
    String agentId,
    String sessionId,
    String content,
    String type,
    Double importance,
    List<String> entities,
    String metadataJson,
    long version,
    OffsetDateTime validFrom,
    OffsetDateTime validTo,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    float score,
    OffsetDateTime occurredAt,
    OffsetDateTime expiresAt,
    Match match) {

  /** A memory without event time, expiry or match detail. */
  public IndexedMemory(
      String id,
      String userId,
      String agentId,
      String sessionId,
      String content,
      String type,
      Double importance,
      List<String> entities,
      String metadataJson,
      long version,
      OffsetDateTime validFrom,
      OffsetDateTime validTo,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      float score) {
    this(
        id,
        userId,
        agentId,
        sessionId,
        content,
        type,
        importance,
        entities,
        metadataJson,
        version,
        validFrom,
        validTo,
        createdAt,
        updatedAt,
        score,
        null,
        null,
        null);
  }

  /**
   * The scores behind a hit: BM25 of the keyword ranking, cosine similarity of the vector ranking
   * (each null when that ranking did not find it), the reciprocal-rank-fusion score when both
   * rankings were fused, and which text fields the keyword ranking matched ({@code content}, {@code
   * source}; null when the store does not say).
   */
  public record Match(Double keyword, Double vector, Double rrf, List<String> fields) {

    /** Scores without the matched fields. */
    public Match(Double keyword, Double vector, Double rrf) {
      this(keyword, vector, rrf, null);
    }
  }
}
