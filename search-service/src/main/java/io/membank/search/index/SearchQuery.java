package io.membank.search.index;

import io.membank.contracts.filter.FilterNode;
import java.time.OffsetDateTime;

/**
 * One search, already validated: free text (for BM25) and its embedding (for vector similarity,
 * null without embeddings), the filter tree, which validity (current; also invalidated; as of a
 * moment), the ranking mode and the order of the answer ({@link HitOrder}: relevance picks the
 * hits, the order arranges them). Expired memories are never answers.
 */
public record SearchQuery(
    String tenant,
    String userId,
    String text,
    int limit,
    FilterNode filter,
    boolean includeInvalidated,
    OffsetDateTime asOf,
    Mode mode,
    Vector queryVector,
    double minSimilarity,
    boolean sources,
    HitOrder order) {

  /** A query whose answer comes best first. */
  public SearchQuery(
      String tenant,
      String userId,
      String text,
      int limit,
      FilterNode filter,
      boolean includeInvalidated,
      OffsetDateTime asOf,
      Mode mode,
      Vector queryVector,
      double minSimilarity,
      boolean sources) {
    this(
        tenant,
        userId,
        text,
        limit,
        filter,
        includeInvalidated,
        asOf,
        mode,
        queryVector,
        minSimilarity,
        sources,
        HitOrder.SCORE);
  }

  /**
   * A query that also searches the memories' source text and episodes (messages no fact came from).
   */
  public SearchQuery(
      String tenant,
      String userId,
      String text,
      int limit,
      FilterNode filter,
      boolean includeInvalidated,
      OffsetDateTime asOf,
      Mode mode,
      Vector queryVector,
      double minSimilarity) {
    this(
        tenant,
        userId,
        text,
        limit,
        filter,
        includeInvalidated,
        asOf,
        mode,
        queryVector,
        minSimilarity,
        true,
        HitOrder.SCORE);
  }

  /**
   * A query without filters over the memories themselves (no source text, no episodes: what a
   * decision compares a new fact with), ranked by keyword only until {@link #ranked} says
   * otherwise.
   */
  public static SearchQuery unfiltered(String tenant, String userId, String text, int limit) {
    return new SearchQuery(
        tenant, userId, text, limit, FilterNode.NONE, false, null, Mode.KEYWORD, null, 0, false);
  }

  /** The same query, ranked by the mode with the query's vector (null: keyword only). */
  public SearchQuery ranked(Mode rankMode, Vector vector, double floor) {
    return new SearchQuery(
        tenant,
        userId,
        text,
        limit,
        filter,
        includeInvalidated,
        asOf,
        rankMode,
        vector,
        floor,
        sources,
        order);
  }

  /** The same query, its answer in this order. */
  public SearchQuery ordered(HitOrder hitOrder) {
    return new SearchQuery(
        tenant,
        userId,
        text,
        limit,
        filter,
        includeInvalidated,
        asOf,
        mode,
        queryVector,
        minSimilarity,
        sources,
        hitOrder);
  }

  /** The moment expiry is judged at: as_of, or now. */
  public long expiryMillis() {
    return asOf != null ? asOf.toInstant().toEpochMilli() : System.currentTimeMillis();
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
