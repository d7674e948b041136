package io.membank.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.membank.search.RemoteEmbeddingsTest.contents;
import static io.membank.search.RemoteEmbeddingsTest.created;
import static io.membank.search.SearchTest.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.search.index.SearchConfig;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A remote model that answers with vectors of another length than the configured dimension: the
 * batch fails at once (retrying cannot mend it), unapplied and unacknowledged, with a clear error
 * and metric, the consumer stops (readiness DOWN, the batch is consumed again after a restart with
 * a fixed configuration), and the index keeps only vectors of the configured length. Its own
 * profile: the stopped consumer would hold up other tests.
 */
@QuarkusTest
@TestProfile(RemoteDimensionMismatchTest.Profile.class)
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class RemoteDimensionMismatchTest {

  /** The remote settings with an index of its own. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return RemoteEmbeddingsProfile.remote("target/search-index-remote-mismatch");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(EmbeddingsStandIn.class));
    }
  }

  @Inject SearchConfig config;
  @Inject MeterRegistry registry;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  double dimensionErrors() {
    var counter =
        registry
            .find("search_embedding_errors")
            .tags("stage", "index", "reason", "dimension")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void vectorsOfTheWrongLengthFailTheBatchAndNeverReachTheIndex() throws Exception {
    String user = user();
    created(user, "My dog is called Rex");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, "What pet do I have?", "vector").size() == 1);

    // The model now answers texts about harps with 5 numbers instead of 8.
    EmbeddingsStandIn.server.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .atPriority(1)
            .withRequestBody(containing("harp"))
            .willReturn(
                aResponse()
                    .withTransformers("word-vectors")
                    .withTransformerParameter("dimension", 5)));
    created(user, "I play the harp");

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> dimensionErrors() >= 1);
    // Not retried: a wrong length is not a passing outage.
    Thread.sleep(500);
    assertThat(dimensionErrors()).isEqualTo(1);
    assertThat(
            EmbeddingsStandIn.server.findAll(
                postRequestedFor(urlEqualTo("/v1/embeddings")).withRequestBody(containing("harp"))))
        .hasSize(1);
    // The consumer stopped on it: readiness says so.
    String root =
        management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> given().baseUri(root).get("/q/health/ready").statusCode() == 503);

    // Nothing of the batch was indexed, and what was indexed before is intact.
    assertThat(contents(user, "harp", "keyword")).isEmpty();
    assertThat(contents(user, "What pet do I have?", "vector"))
        .containsExactly("My dog is called Rex");
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(config.indexDir()))) {
      for (LeafReaderContext leaf : reader.leaves()) {
        for (FieldInfo f : leaf.reader().getFieldInfos()) {
          if (f.getVectorDimension() > 0) {
            assertThat(f.name).isEqualTo(RemoteEmbeddingsProfile.FIELD);
            assertThat(f.getVectorDimension()).isEqualTo(WordVectors.DIMENSION);
          }
        }
      }
    }
  }
}
