package io.membank.search.index;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The order of a search's answer. Relevance always chooses which memories answer (the {@code limit}
 * best of the ranking); the order then arranges them by score (best first, the default) or by time:
 * {@code occurred_at} (when it happened; a memory without an event time counts from when it was
 * stored) or {@code created_at}. Every {@link MemoryStore} applies it the same way, so Lucene and
 * Qdrant answer alike.
 *
 * @param by the field
 * @param ascending oldest (or lowest) first
 */
public record HitOrder(By by, boolean ascending) {

  /** Best first: the ranking's own order. */
  public static final HitOrder SCORE = new HitOrder(By.SCORE, false);

  /** The fields an answer can be ordered by, by their API names. */
  public enum By {
    SCORE(m -> null),
    OCCURRED_AT(m -> m.occurredAt() != null ? m.occurredAt() : m.createdAt()),
    CREATED_AT(IndexedMemory::createdAt);

    private final Function<IndexedMemory, OffsetDateTime> time;

    By(Function<IndexedMemory, OffsetDateTime> time) {
      this.time = time;
    }

    /** The API name ({@code occurred_at}). */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The field of an API name, e.g. {@code occurred_at}. */
    public static By of(String apiName) {
      return valueOf(apiName.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * The order named by the request: {@code by} null means score, {@code direction} null means
   * {@code desc} (best or newest first).
   */
  public static HitOrder of(String by, String direction) {
    return new HitOrder(by == null ? By.SCORE : By.of(by), "asc".equals(direction));
  }

  /** The hits, which come best first, in this order; ties keep their relevance order. */
  public List<IndexedMemory> apply(List<IndexedMemory> bestFirst) {
    if (by == By.SCORE) {
      return ascending ? bestFirst.reversed() : bestFirst;
    }
    Comparator<OffsetDateTime> times =
        ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
    // A stable sort: equal times stay best first.
    return bestFirst.stream()
        .sorted(Comparator.comparing(by.time, Comparator.nullsLast(times)))
        .toList();
  }
}
