package io.membank.search.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where the search read model lives and how it ranks. */
@ConfigMapping(prefix = "membank.search")
public interface SearchConfig {

  /** Which {@link MemoryStore} holds the read model: {@code lucene} (default) or {@code qdrant}. */
  @WithDefault("lucene")
  Store store();

  /** Directory of the Lucene index (one index; every document carries its tenant). */
  Path indexDir();

  /** The Qdrant store, when {@link #store()} is {@code qdrant}. */
  Qdrant qdrant();

  /** In-process embeddings. */
  Embeddings embeddings();

  /** Fusion of keyword (BM25) and vector rankings. */
  Hybrid hybrid();

  /** Embedding settings. */
  interface Embeddings {
    /** Make and search vectors; off means keyword search only. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Cosine similarity below which an English vector match is dropped (BGE small en v1.5 puts
     * unrelated short sentences at 0.33–0.54 and related ones at 0.59–0.69: docs/benchmarks.md).
     */
    @WithDefault("0.58")
    double minSimilarityEn();

    /** The same for Chinese (BGE small zh v1.5: unrelated ≤ 0.31, related 0.52–0.61). */
    @WithDefault("0.45")
    double minSimilarityZh();
  }

  /** The implementations of {@link MemoryStore}. */
  enum Store {
    /** Lucene on local disk ({@link MemoryIndex}). */
    LUCENE,
    /** A Qdrant collection ({@code index.qdrant.QdrantMemoryStore}). */
    QDRANT
  }

  /** Connection to Qdrant and the shape of its collection. */
  interface Qdrant {
    /**
     * Qdrant's gRPC endpoint, e.g. {@code http://qdrant:6334} ({@code https} for TLS); required
     * with {@code membank.search.store=qdrant}.
     */
    Optional<String> url();

    /** API key sent with every call, if the server wants one; never logged. */
    Optional<String> apiKey();

    /**
     * Name searches and live writes use: an alias that MemBank points at the current physical
     * collection ({@code <name>__<millis>}); a rebuild moves it.
     */
    @WithDefault("membank_memories")
    String collection();

    /**
     * Dense vectors per embedding model, {@code field:dimension} (the fields of the embedders;
     * cosine distance).
     */
    @WithDefault("vec_en:384,vec_zh:512")
    List<String> denseVectors();

    /** Deadline of every Qdrant call. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Average length in tokens assumed by the BM25 length normalisation of the keyword side (Qdrant
     * keeps no collection-wide length statistics; memories are short sentences).
     */
    @WithDefault("12")
    double bm25AverageLength();
  }

  /** Reciprocal rank fusion: score = Σ weight / (k + rank). */
  interface Hybrid {
    /** RRF constant k. */
    @WithDefault("60")
    int rrfK();

    /** Weight of the BM25 ranking. */
    @WithDefault("1.0")
    double keywordWeight();

    /** Weight of the vector ranking. */
    @WithDefault("1.0")
    double vectorWeight();

    /** Candidates taken from each ranking before fusion (at least the limit). */
    @WithDefault("50")
    int candidates();
  }
}
