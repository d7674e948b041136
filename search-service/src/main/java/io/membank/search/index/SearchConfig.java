package io.membank.search.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the search read model lives and how it ranks. */
@ConfigMapping(prefix = "membank.search")
public interface SearchConfig {

  /** Directory of the Lucene index (one index; every document carries its tenant). */
  Path indexDir();

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
