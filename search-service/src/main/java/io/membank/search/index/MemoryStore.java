package io.membank.search.index;

import io.membank.contracts.MemoryEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search read model, whatever holds it: {@link MemoryIndex} (Lucene on local disk, the default)
 * or {@code QdrantMemoryStore} (a Qdrant collection, for clusters), chosen by {@code
 * membank.search.store}. Both pass the same contract tests ({@code MemoryStoreContract}).
 *
 * <p>What every implementation promises: an event is applied only when its version is newer than
 * what the store holds for that tenant + memory id (deletes stay as tombstones, so a late stale
 * event cannot bring a memory back); every search is bound to one tenant and one user; filters,
 * validity ({@link SearchQuery#asOf()}, {@link SearchQuery#includeInvalidated()}) and ranking
 * ({@link SearchQuery.Mode}) mean the same in both.
 */
public interface MemoryStore extends AutoCloseable {

  /** What happened to an event. */
  enum Outcome {
    APPLIED,
    STALE
  }

  /**
   * Applies a memory event, with the embedding of its content (or null), unless the store already
   * holds this version or a newer one. Searchable and durable once {@link #commit()} returns.
   */
  Outcome apply(MemoryEvent event, Vector vector);

  /** Makes everything applied so far durable and searchable (a no-op where writes already are). */
  void commit();

  /**
   * The best matches of the query within its tenant and user, after the filters: keyword, vector
   * similarity, or both fused by reciprocal rank; the {@code limit} best, in the query's {@link
   * HitOrder}.
   */
  List<IndexedMemory> search(SearchQuery query);

  /** A new, empty store beside the live one, for a rebuild; not searched until {@link #swap}. */
  Staging stage();

  /**
   * Makes the staged store the live one. Runs {@code beforeSwap} first with no live event applied
   * meanwhile (a rebuild catches up there); the replaced store is kept until the next swap.
   */
  void swap(Staging staging, Runnable beforeSwap);

  /**
   * How many memories hold a vector in each field other than {@code inUse} (vectors of an embedding
   * model no longer in use, which no query searches), by field name in order; only those fields are
   * counted. Empty where the store cannot hold such vectors (a Qdrant collection declares its
   * vectors when it is created).
   */
  default Map<String, Integer> vectorsOutside(Set<String> inUse) {
    return Map.of();
  }

  /**
   * How many memories the store holds for one subject of a tenant (tombstones included): the
   * erasure's before/after count (issue 17).
   */
  default long countSubject(String tenantId, String userId) {
    throw new UnsupportedOperationException(kind() + " store cannot erase a subject yet");
  }

  /**
   * Erases a subject of a tenant: every memory of the subject becomes a tombstone keeping only the
   * tenant, memory id and version (no user, content, vectors or filters), so a stale event still
   * cannot bring it back; durable and visible on return. Returns how many were erased.
   */
  default long eraseSubject(String tenantId, String userId) {
    throw new UnsupportedOperationException(kind() + " store cannot erase a subject yet");
  }

  /** Whether the store can take writes and answer searches now. */
  boolean isOpen();

  /** Which implementation: {@code lucene} or {@code qdrant}. */
  String kind();

  /** Where the data lives (index directory, or Qdrant endpoint and collection; no credentials). */
  String location();

  @Override
  void close();

  /** A store being rebuilt: events go in with the same version rules as the live one. */
  interface Staging {

    /** Applies an event to the staged store (same version rules). */
    Outcome apply(MemoryEvent event, Vector vector);

    /** Commits what was applied so far. */
    void commit();

    /** Gives the staged store up (a failed rebuild). */
    void discard();
  }
}
