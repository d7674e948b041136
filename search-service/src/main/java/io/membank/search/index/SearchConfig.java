package io.membank.search.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

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

  /** Sentence embeddings: in-process models (the default) or a remote OpenAI-compatible server. */
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

    /**
     * Who makes the vectors: {@code in-process} (two small ONNX models, one per script) or {@code
     * openai} (one remote model behind an OpenAI-compatible {@code /v1/embeddings}, settings in
     * {@link #remote()}).
     */
    @WithDefault("in-process")
    Provider provider();

    /** The remote provider's settings (read only when {@link #provider()} is openai). */
    Remote remote();

    /**
     * Start a rebuild ({@code bin/membank reindex}) by itself when the index holds vectors of a
     * model no longer in use; off by default (a remote re-embedding costs API calls).
     */
    @WithDefault("false")
    boolean reindexOnModelChange();

    /**
     * Retries of a batch whose embeddings failed for a passing reason (timeout, 5xx, 429, I/O)
     * before the batch fails (then the channel stops and the batch is consumed again after a
     * restart): back-off from {@link #retryBackoff()}, doubling up to {@link #retryMaxBackoff()},
     * for at most {@link #retryFor()} — keep it under the Kafka connector's {@code
     * throttled.unprocessed-record-max-age.ms} (60 s), past which the connector gives up itself.
     */
    @WithDefault("45s")
    Duration retryFor();

    /** First back-off between retries of a failed embedding call. */
    @WithDefault("500ms")
    Duration retryBackoff();

    /** Longest back-off between retries. */
    @WithDefault("8s")
    Duration retryMaxBackoff();

    /**
     * How often the embedding work of each tenant and model is reported on {@code llm.usage} (one
     * record per tenant and model per interval, not one per text: a bulk import embeds thousands of
     * texts a minute). Read by the scheduler as {@code membank.search.embeddings.usage-interval}.
     */
    @WithDefault("60s")
    Duration usageInterval();
  }

  /** Where the vectors come from. */
  enum Provider {
    /** The ONNX models inside the service (BGE small en / zh). */
    IN_PROCESS,
    /** A remote OpenAI-compatible {@code /v1/embeddings} endpoint (OpenAI, vLLM, Ollama…). */
    OPENAI
  }

  /** A remote OpenAI-compatible embeddings server. */
  interface Remote {
    /** Base URL up to and including {@code /v1}, e.g. {@code https://api.openai.com/v1}. */
    Optional<String> baseUrl();

    /** Model name sent with every request and stored with every vector. */
    Optional<String> model();

    /**
     * Vector length the model returns (required: the index field is made for it; Lucene's HNSW
     * takes at most 1024). A vector of another length fails its batch, it is never indexed.
     */
    OptionalInt dimension();

    /**
     * Send {@link #dimension()} as the request's {@code dimensions} (models that can shorten their
     * vectors, such as OpenAI's text-embedding-3-*).
     */
    @WithDefault("false")
    boolean requestDimensions();

    /** Bearer key (from {@code MEMBANK_SEARCH_EMBEDDINGS_REMOTE_API_KEY}); never logged. */
    Optional<String> apiKey();

    /** Timeout of one indexing call (connect and answer). */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Timeout of a query's embedding: a search waits this long at most before answering by keyword
     * (memory-service gives its similar-memories call 2 s in all).
     */
    @WithDefault("1s")
    Duration queryTimeout();

    /** Texts per request; a larger indexing batch is sent in several requests. */
    @WithDefault("64")
    int batchSize();

    /** Prepended to queries (for models trained with a retrieval instruction); none by default. */
    Optional<String> queryPrefix();

    /** Cosine similarity below which a vector match is dropped. */
    @WithDefault("0.5")
    double minSimilarity();
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

    /**
     * Weight of the vector ranking: a little above the keyword weight, so that a tie between a
     * keyword-only and a vector-only hit goes to the vector one (on the labelled set in
     * docs/benchmarks.md: recall@1 0.839 → 0.911, MRR 0.899 → 0.936, recall@10 unchanged).
     */
    @WithDefault("1.1")
    double vectorWeight();

    /**
     * Weight of a match in a memory's source text (the message it came from) against a match in its
     * content (weight 1) in the keyword ranking: the memory's own words count more.
     */
    @WithDefault("0.5")
    double sourceWeight();

    /** Candidates taken from each ranking before fusion (at least the limit). */
    @WithDefault("50")
    int candidates();
  }
}
