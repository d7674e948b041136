package io.membank.search;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * search-service with {@code membank.search.embeddings.provider=openai} against {@link
 * EmbeddingsStandIn}: short timeouts and back-off so failure tests take seconds, its own index
 * directory (a remote model's vectors beside nothing else).
 */
public class RemoteEmbeddingsProfile implements QuarkusTestProfile {

  static final String MODEL = "test-embed-v1";
  static final String API_KEY = "sk-test-embeddings";
  static final String FIELD = "vec_remote_test_embed_v1_8";

  /** The settings every remote profile shares; {@code indexDir} keeps profiles apart. */
  static Map<String, String> remote(String indexDir) {
    Map<String, String> c = new HashMap<>();
    c.put("membank.search.index-dir", indexDir);
    c.put("membank.search.embeddings.provider", "openai");
    c.put("membank.search.embeddings.remote.model", MODEL);
    c.put("membank.search.embeddings.remote.dimension", String.valueOf(WordVectors.DIMENSION));
    c.put("membank.search.embeddings.remote.api-key", API_KEY);
    // Short enough for the timeout test, long enough for a cold JVM on a busy machine.
    c.put("membank.search.embeddings.remote.timeout", "1s");
    c.put("membank.search.embeddings.remote.query-timeout", "3s");
    c.put("membank.search.embeddings.remote.batch-size", "2");
    c.put("membank.search.embeddings.remote.min-similarity", "0.5");
    c.put("membank.search.embeddings.retry-backoff", "100ms");
    c.put("membank.search.embeddings.retry-max-backoff", "400ms");
    c.put("membank.search.embeddings.retry-for", "30s");
    return c;
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return remote("target/search-index-remote");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(EmbeddingsStandIn.class));
  }
}
