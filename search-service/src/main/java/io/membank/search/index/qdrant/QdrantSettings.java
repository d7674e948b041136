package io.membank.search.index.qdrant;

import io.membank.search.index.SearchConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach Qdrant and what the collection holds. {@link #toString()} never shows the API key.
 *
 * @param host gRPC host
 * @param port gRPC port (6334 unless the URL says otherwise)
 * @param tls whether the URL was {@code https}
 * @param apiKey API key, or null
 * @param collection the alias searches and live writes use
 * @param denseVectors dense vector name → dimension, one per embedding model (cosine)
 * @param timeout deadline of every call
 * @param bm25AverageLength average memory length in tokens for BM25 length normalisation
 */
public record QdrantSettings(
    String host,
    int port,
    boolean tls,
    String apiKey,
    String collection,
    Map<String, Integer> denseVectors,
    Duration timeout,
    double bm25AverageLength) {

  /** Qdrant's default gRPC port. */
  public static final int GRPC_PORT = 6334;

  /** Collection (and alias) names MemBank accepts: letters, digits, '_' and '-'. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  /** Checked settings. */
  public QdrantSettings {
    if (!NAME.matcher(collection).matches()) {
      throw new IllegalArgumentException(
          "membank.search.qdrant.collection: use 1 to 128 letters, digits, '_' or '-'");
    }
    if (denseVectors.isEmpty()) {
      throw new IllegalArgumentException("membank.search.qdrant.dense-vectors: name one at least");
    }
    denseVectors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(denseVectors));
  }

  /** The settings of the service's configuration. */
  public static QdrantSettings of(SearchConfig.Qdrant config) {
    String url =
        config
            .url()
            .filter(u -> !u.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "membank.search.store=qdrant needs membank.search.qdrant.url"
                            + " (Qdrant's gRPC endpoint, e.g. http://qdrant:6334)"));
    return fromUrl(
        url,
        config.apiKey().filter(k -> !k.isBlank()).orElse(null),
        config.collection(),
        denseVectors(config.denseVectors()),
        config.timeout(),
        config.bm25AverageLength());
  }

  /** Settings from a URL such as {@code http://127.0.0.1:6334}; the rest as given. */
  public static QdrantSettings fromUrl(
      String url,
      String apiKey,
      String collection,
      Map<String, Integer> denseVectors,
      Duration timeout,
      double bm25AverageLength) {
    URI uri = parse(url);
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() == -1 ? GRPC_PORT : uri.getPort();
    return new QdrantSettings(
        uri.getHost(), port, tls, apiKey, collection, denseVectors, timeout, bm25AverageLength);
  }

  /** {@code field:dimension} entries as a map, in order. */
  static Map<String, Integer> denseVectors(List<String> entries) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String entry : entries) {
      String[] parts = entry.split(":", 2);
      String field = parts[0].trim();
      String dimension = parts.length == 2 ? parts[1].trim() : "";
      if (!NAME.matcher(field).matches() || !dimension.matches("[1-9]\\d{0,5}")) {
        throw new IllegalArgumentException(
            "membank.search.qdrant.dense-vectors: give field:dimension entries");
      }
      out.put(field, Integer.parseInt(dimension));
    }
    return out;
  }

  /** Where the server is, for logs and health data (no credentials). */
  public String endpoint() {
    return (tls ? "https://" : "http://") + host + ":" + port;
  }

  /** An API key is configured. */
  public Optional<String> key() {
    return Optional.ofNullable(apiKey);
  }

  private static URI parse(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException("no host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      // The value itself may carry credentials: never echo it.
      throw new IllegalArgumentException(
          "membank.search.qdrant.url: expected http(s)://host[:port] (Qdrant's gRPC endpoint)");
    }
  }

  @Override
  public String toString() {
    return "QdrantSettings[endpoint="
        + endpoint()
        + ", collection="
        + collection
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", denseVectors="
        + denseVectors
        + ", timeout="
        + timeout
        + "]";
  }
}
