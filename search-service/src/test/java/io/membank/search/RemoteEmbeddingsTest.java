package io.membank.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.membank.search.SearchTest.READER;
import static io.membank.search.SearchTest.T0;
import static io.membank.search.SearchTest.TENANT;
import static io.membank.search.SearchTest.event;
import static io.membank.search.SearchTest.publish;
import static io.membank.search.SearchTest.search;
import static io.membank.search.SearchTest.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.membank.contracts.MemoryEvent;
import io.membank.search.index.SearchConfig;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code membank.search.embeddings.provider=openai} against a WireMock stand-in of an
 * OpenAI-compatible {@code /v1/embeddings}: memories get their vectors from it (model and key in
 * every request), one model serves every script, the model's name and dimension are stored with
 * each vector, a query it cannot embed degrades to keyword (vector mode: 503), and a rebuild
 * re-embeds through it.
 */
@QuarkusTest
@TestProfile(RemoteEmbeddingsProfile.class)
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class RemoteEmbeddingsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject SearchConfig config;
  @Inject MeterRegistry registry;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @AfterEach
  void standInAnswersAgain() {
    for (StubMapping stub : EmbeddingsStandIn.server.getStubMappings()) {
      if (stub.getPriority() != null && stub.getPriority() < EmbeddingsStandIn.DEFAULT_PRIORITY) {
        EmbeddingsStandIn.server.removeStub(stub);
      }
    }
  }

  static String created(String user, String content) {
    String id = UUID.randomUUID().toString();
    try {
      publish(event(TENANT, user, id, 1, MemoryEvent.Operation.CREATED, content, "fact", 0.5, T0));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return id;
  }

  static List<String> contents(String user, String query, String mode) {
    return search(READER, Map.of("user_id", user, "query", query, "mode", mode))
        .getList("memories.content");
  }

  /** The requests the stand-in received whose input held this text. */
  static List<LoggedRequest> requestsWith(String text) {
    return EmbeddingsStandIn.server.findAll(
        postRequestedFor(urlEqualTo("/v1/embeddings")).withRequestBody(containing(text)));
  }

  double errors(String stage, String reason) {
    var counter =
        registry.find("search_embedding_errors").tags("stage", stage, "reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void memoriesGetTheRemoteModelsVectorsAndOneModelServesEveryScript() throws Exception {
    String user = user();
    String dog = created(user, "My dog is called Rex");
    created(user, "I work at Acme as an engineer");
    created(user, "I go surfing every weekend");
    String chineseDog = created(user, "我的狗叫旺财");
    // The same topic for another user: never an answer here.
    created(user(), "My dog is called Max");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, "surfing", "keyword").size() == 1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, "旺财", "keyword").size() == 1);

    // No shared word with any memory: keyword finds nothing, the stand-in's vectors find the dogs,
    // the Chinese one too (in-process, a query meets only memories of its own script).
    assertThat(contents(user, "What pet do I have?", "keyword")).isEmpty();
    JsonPath answer =
        search(READER, Map.of("user_id", user, "query", "What pet do I have?", "mode", "vector"));
    assertThat(answer.getList("memories.content"))
        .containsExactlyInAnyOrder("My dog is called Rex", "我的狗叫旺财");
    assertThat(answer.getString("usage.embedding_model")).isEqualTo(RemoteEmbeddingsProfile.MODEL);
    assertThat(answer.getString("usage.retrieval")).isEqualTo("vector");
    assertThat(contents(user, "我有什么宠物", "hybrid")).contains("我的狗叫旺财", "My dog is called Rex");
    // Below the configured floor (0.5) a nearest neighbour is not an answer.
    assertThat(contents(user, "quantum chromodynamics", "vector")).isEmpty();

    // Every request named the model and carried the key; batches kept to batch-size (2).
    List<LoggedRequest> dogRequests = requestsWith("My dog is called Rex");
    assertThat(dogRequests).isNotEmpty();
    for (LoggedRequest r :
        EmbeddingsStandIn.server.findAll(postRequestedFor(urlEqualTo("/v1/embeddings")))) {
      assertThat(r.getHeader("Authorization"))
          .isEqualTo("Bearer " + RemoteEmbeddingsProfile.API_KEY);
      JsonNode body = JSON.readTree(r.getBodyAsString());
      assertThat(body.get("model").asText()).isEqualTo(RemoteEmbeddingsProfile.MODEL);
      assertThat(body.get("input").size()).isBetween(1, 2);
      assertThat(body.has("dimensions")).isFalse(); // request-dimensions is off
    }
    EmbeddingsStandIn.server.verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withRequestBody(matchingJsonPath("$.input[?(@ == 'What pet do I have?')]")));

    // The model's name and dimension are stored with each vector, in the model's own field.
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(config.indexDir()))) {
      for (String id : List.of(dog, chineseDog)) {
        TopDocs hit = new IndexSearcher(reader).search(new TermQuery(new Term("id", id)), 1);
        assertThat(hit.scoreDocs).hasSize(1);
        var doc = reader.storedFields().document(hit.scoreDocs[0].doc);
        assertThat(doc.get("embedding_model")).isEqualTo(RemoteEmbeddingsProfile.MODEL);
        assertThat(doc.getField("embedding_dimension").numericValue().intValue())
            .isEqualTo(WordVectors.DIMENSION);
      }
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

  @Test
  void aQueryTheModelCannotEmbedIsAnsweredByKeywordAndVectorModeIs503() {
    String user = user();
    created(user, "I drink green tea every morning");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, "green tea", "keyword").size() == 1);
    EmbeddingsStandIn.server.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .atPriority(1)
            .withRequestBody(containing("green tea"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));
    double before = errors("query", "unavailable");

    JsonPath degraded = search(READER, Map.of("user_id", user, "query", "green tea"));
    assertThat(degraded.getString("usage.retrieval")).isEqualTo("keyword");
    assertThat(degraded.getList("memories.content"))
        .containsExactly("I drink green tea every morning");
    assertThat(errors("query", "unavailable")).isEqualTo(before + 1);
    given()
        .auth()
        .oauth2(READER)
        .contentType("application/json")
        .body(Map.of("user_id", user, "query", "green tea", "mode", "vector"))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("/embeddings-unavailable"));

    // The keyword stand-in answer was not cached: once the model is back, vectors take part.
    standInAnswersAgain();
    JsonPath recovered = search(READER, Map.of("user_id", user, "query", "green tea"));
    assertThat(recovered.getString("usage.retrieval")).isEqualTo("hybrid");
    assertThat(recovered.getBoolean("usage.cached")).isFalse();
  }

  @Test
  void aRebuildReEmbedsEveryMemoryThroughTheRemoteModel() {
    String user = user();
    String content = "I play the cello on " + UUID.randomUUID();
    String id = created(user, content);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, "cello", "keyword").size() == 1);
    int embeddedBefore = requestsWith(content).size();
    assertThat(embeddedBefore).isGreaterThanOrEqualTo(1);

    String root =
        management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
    given().baseUri(root).post("/admin/reindex").then().statusCode(202);
    JsonPath done =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> given().baseUri(root).get("/admin/reindex").then().extract().jsonPath(),
                s -> !"running".equals(s.getString("state")));
    assertThat(done.getString("state")).isEqualTo("completed");
    assertThat(requestsWith(content)).hasSizeGreaterThan(embeddedBefore);
    assertThat(
            search(READER, Map.of("user_id", user, "query", "which instrument", "mode", "vector"))
                .getList("memories.id"))
        .containsExactly(id);
  }
}
