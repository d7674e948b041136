package io.membank.search.index;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One search, already validated: free text (for BM25) and its embedding (for vector similarity,
 * null without embeddings), structured filters (null means "no filter") and the ranking mode.
 */
public record SearchQuery(
    String tenant,
    String userId,
    String text,
    int limit,
    String agentId,
    String sessionId,
    OffsetDateTime createdFrom,
    OffsetDateTime createdTo,
    Double importanceMin,
    Double importanceMax,
    List<String> types,
    List<String> entities,
    boolean includeInvalidated,
    Mode mode,
    Vector queryVector,
    double minSimilarity) {

  /** A query without filters, ranked by keyword only until {@link #ranked} says otherwise. */
  public static SearchQuery unfiltered(String tenant, String userId, String text, int limit) {
    return new SearchQuery(
        tenant,
        userId,
        text,
        limit,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        Mode.KEYWORD,
        null,
        0);
  }

  /** The same query, ranked by the mode with the query's vector (null: keyword only). */
  public SearchQuery ranked(Mode rankMode, Vector vector, double floor) {
    return new SearchQuery(
        tenant,
        userId,
        text,
        limit,
        agentId,
        sessionId,
        createdFrom,
        createdTo,
        importanceMin,
        importanceMax,
        types,
        entities,
        includeInvalidated,
        rankMode,
        vector,
        floor);
  }

  /** Which rankings answer. */
  public enum Mode {
    /** BM25 only. */
    KEYWORD,
    /** Vector similarity only. */
    VECTOR,
    /** Both, fused by reciprocal rank. */
    HYBRID
  }
}
