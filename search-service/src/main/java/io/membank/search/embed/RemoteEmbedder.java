package io.membank.search.embed;

import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.membank.search.index.SearchConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@link Embedder} of a remote OpenAI-compatible {@code /v1/embeddings} server (OpenAI, vLLM,
 * Ollama, text-embeddings-inference…): one multilingual model for every script, through
 * langchain4j's {@link OpenAiEmbeddingModel}. Its vectors live in a field named after the model and
 * the dimension ({@code vec_remote_<model>_<dim>}), so vectors of another model or length never
 * share a field with them. Retries are the caller's (the consumer holds the batch back and tries
 * again); the client itself tries once.
 */
public final class RemoteEmbedder {

  /** Lucene's HNSW limit on a vector field's length. */
  static final int MAX_DIMENSION = 1024;

  private static final String PREFIX = "membank.search.embeddings.remote.";

  private RemoteEmbedder() {}

  /** The embedder the settings describe; a missing or wrong setting names its key. */
  public static Embedder create(SearchConfig.Remote remote) {
    validate(remote);
    String model = remote.model().orElseThrow().trim();
    int dimension = remote.dimension().getAsInt();
    String baseUrl = remote.baseUrl().orElseThrow().trim().replaceAll("/+$", "");
    return new Embedder(
        model,
        field(model, dimension),
        dimension,
        remote.queryPrefix().orElse(""),
        remote.minSimilarity(),
        client(remote, baseUrl, model, dimension, remote.timeout()),
        client(remote, baseUrl, model, dimension, remote.queryTimeout()));
  }

  /** The index field of a model's vectors: {@code vec_remote_<model, [a-z0-9_] only>_<dim>}. */
  public static String field(String model, int dimension) {
    String slug = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return "vec_remote_" + slug.replaceAll("^_+|_+$", "") + "_" + dimension;
  }

  /** Every problem of the settings, in one message; nothing when they are complete. */
  static void validate(SearchConfig.Remote remote) {
    List<String> problems = new ArrayList<>();
    String base = remote.baseUrl().map(String::trim).orElse("");
    if (base.isEmpty()) {
      problems.add(PREFIX + "base-url is required (e.g. https://api.openai.com/v1)");
    } else if (!isHttpUrl(base)) {
      problems.add(PREFIX + "base-url must be an http(s) URL, got " + base);
    }
    if (remote.model().map(String::isBlank).orElse(true)) {
      problems.add(PREFIX + "model is required (the model name sent and stored with vectors)");
    }
    if (remote.dimension().isEmpty()) {
      problems.add(PREFIX + "dimension is required (the length of the model's vectors)");
    } else if (remote.dimension().getAsInt() < 1 || remote.dimension().getAsInt() > MAX_DIMENSION) {
      problems.add(
          PREFIX
              + "dimension must be 1.."
              + MAX_DIMENSION
              + " (Lucene's vector limit; a model that can shorten its vectors takes"
              + " request-dimensions=true), got "
              + remote.dimension().getAsInt());
    }
    if (remote.batchSize() < 1) {
      problems.add(PREFIX + "batch-size must be at least 1, got " + remote.batchSize());
    }
    if (!isPositive(remote.timeout())) {
      problems.add(PREFIX + "timeout must be positive");
    }
    if (!isPositive(remote.queryTimeout())) {
      problems.add(PREFIX + "query-timeout must be positive");
    }
    if (remote.minSimilarity() < -1 || remote.minSimilarity() > 1) {
      problems.add(PREFIX + "min-similarity must be within -1..1, got " + remote.minSimilarity());
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "membank.search.embeddings.provider=openai: " + String.join("; ", problems));
    }
  }

  private static OpenAiEmbeddingModel client(
      SearchConfig.Remote remote, String baseUrl, String model, int dimension, Duration timeout) {
    return OpenAiEmbeddingModel.builder()
        .baseUrl(baseUrl)
        .apiKey(remote.apiKey().filter(k -> !k.isBlank()).orElse(null))
        .modelName(model)
        .dimensions(remote.requestDimensions() ? dimension : null)
        .timeout(timeout)
        .maxRetries(0)
        .maxSegmentsPerBatch(remote.batchSize())
        .logRequests(false) // requests carry the key and the users' memories
        .logResponses(false)
        .build();
  }

  private static boolean isHttpUrl(String s) {
    try {
      URI uri = URI.create(s);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isPositive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }
}
