package io.membank.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The re-embedding path after a model change: the service starts with the remote model on an index
 * whose memories carry vectors of the in-process English model ({@code vec_en}); it counts them as
 * stale and, with {@code reindex-on-model-change=true}, rebuilds from memory.events by itself,
 * after which no stale vector is left.
 */
@QuarkusTest
@TestProfile(ModelChangeTest.Profile.class)
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class ModelChangeTest {

  static final Path INDEX = Path.of("target/search-index-model-change");

  /** Remote embeddings, reindex on a model change, on an index seeded with in-process vectors. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = RemoteEmbeddingsProfile.remote(INDEX.toString());
      c.put("membank.search.embeddings.reindex-on-model-change", "true");
      return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(EmbeddingsStandIn.class), new TestResourceEntry(SeededIndex.class));
    }
  }

  /** Before the service starts: an index holding one memory embedded by the in-process model. */
  public static class SeededIndex implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      try {
        for (String suffix : List.of("", ".previous", ".rebuild")) {
          deleteTree(Path.of(INDEX + suffix));
        }
        Files.createDirectories(INDEX);
        try (IndexWriter writer =
            new IndexWriter(FSDirectory.open(INDEX), new IndexWriterConfig())) {
          float[] vector = new float[384];
          Arrays.fill(vector, 0.05f);
          Document d = new Document();
          d.add(new StringField("key", "acme/seeded", Field.Store.NO));
          d.add(new StringField("id", "seeded", Field.Store.YES));
          d.add(new StoredField("version", 1L));
          d.add(new KnnFloatVectorField("vec_en", vector, VectorSimilarityFunction.COSINE));
          d.add(new StoredField("embedding_model", "bge-small-en-v1.5-q"));
          writer.addDocument(d);
          writer.commit();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.of();
    }

    @Override
    public void stop() {}

    private static void deleteTree(Path dir) throws IOException {
      if (Files.exists(dir)) {
        try (var paths = Files.walk(dir)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  @Inject MeterRegistry registry;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Test
  void vectorsOfAModelNoLongerInUseAreReEmbeddedByARebuildThatStartsByItself() {
    String root =
        management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
    // Nobody asked for it: the start found vec_en vectors and began the rebuild.
    JsonPath done =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> given().baseUri(root).get("/admin/reindex").then().extract().jsonPath(),
                s ->
                    "completed".equals(s.getString("state"))
                        || "failed".equals(s.getString("state")));
    assertThat(done.getString("state")).isEqualTo("completed");
    // The rebuilt index holds no vector of the old model; the old index is kept beside it.
    assertThat(registry.get("search_index_stale_vectors").gauge().value()).isZero();
    assertThat(Files.isDirectory(Path.of(INDEX + ".previous"))).isTrue();
  }
}
