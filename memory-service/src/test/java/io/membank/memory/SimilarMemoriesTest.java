package io.membank.memory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.membank.memory.MemoryApiTest.WRITER;
import static io.membank.memory.MemoryApiTest.add;
import static io.membank.memory.MemoryApiTest.awaitJob;
import static io.membank.memory.MemoryApiTest.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions ask search-service for similar memories with a service credential, use what it finds
 * beyond the recent window, carry on without it when it fails or stalls, and wait for it when it is
 * only saturated (503).
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(SearchStandIn.class)
class SimilarMemoriesTest {

  static final String PATH = "/internal/v1/memories/similar";
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void reset() {
    SearchStandIn.server.resetAll();
    // search-service knows nothing similar until a test says otherwise
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"results\":[]}")));
  }

  static String onlyAdded(JsonPath job) {
    return job.getList("result.memories.added").get(0).toString();
  }

  static void searchAnswers(String memoryId) {
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"results\":[{\"index\":0,\"memories\":[{\"id\":\""
                            + memoryId
                            + "\",\"content\":\"x\",\"version\":1,\"score\":3.2}]}]}")));
  }

  @Test
  void anOldDuplicateFoundBySearchIsANoop() throws Exception {
    String user = newUser();
    String dog = onlyAdded(awaitJob(WRITER, add(WRITER, user, "My dog is called Rex.")));
    // Newer memory: the dog fact is now outside the (single-memory) recent window.
    onlyAdded(awaitJob(WRITER, add(WRITER, user, "I work at Acme.")));
    searchAnswers(dog);

    JsonPath again = awaitJob(WRITER, add(WRITER, user, "my dog is called rex"));

    assertThat(again.getList("result.decisions.event")).containsExactly("NOOP");
    assertThat(again.getList("result.decisions.memory_id")).containsExactly(dog);
    assertThat(again.getString("result.comparison.similar_source")).isEqualTo("search-service");
    assertThat(again.getInt("result.comparison.similar_memories")).isEqualTo(1);

    // One call per job, each naming the user and the job's facts.
    List<LoggedRequest> calls =
        SearchStandIn.server.findAll(
            postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.user_id", equalTo(user))));
    assertThat(calls).hasSize(3);
    LoggedRequest last = calls.get(2);
    assertThat(JSON.readTree(last.getBodyAsString()).get("texts").get(0).asText())
        .isEqualToIgnoringCase("my dog is called rex");
    String bearer = last.getHeader("Authorization");
    assertThat(bearer).startsWith("Bearer ");
    String[] jwt = bearer.substring("Bearer ".length()).split("\\.");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(header.get("kid").asText()).isEqualTo("membank-service");
    assertThat(claims.get("tenant").asText()).isEqualTo(MemoryApiTest.TENANT);
    assertThat(claims.get("sub").asText()).isEqualTo("service:memory-service");
    assertThat(claims.get("groups").toString()).isEqualTo("[\"service\"]");
  }

  @Test
  void withoutSearchTheRecentWindowAloneDecides() {
    String user = newUser();
    String dog = onlyAdded(awaitJob(WRITER, add(WRITER, user, "My dog is called Rex.")));
    onlyAdded(awaitJob(WRITER, add(WRITER, user, "I work at Acme.")));
    SearchStandIn.server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)));

    JsonPath failed = awaitJob(WRITER, add(WRITER, user, "my dog is called rex"));
    assertThat(failed.getString("status")).isEqualTo("completed");
    assertThat(failed.getString("result.comparison.similar_source")).isEqualTo("unavailable");
    // Unseen, the old fact is added again: exactly what the search call exists to prevent.
    assertThat(failed.getList("result.decisions.event")).containsExactly("ADD");
    assertThat(failed.getList("result.memories.added")).doesNotContain(dog);

    // A search-service slower than the 2 s timeout makes the job wait and ask again at every
    // sweep; one that stays slow past the wait (15 s here) costs the lookup, not the job.
    searchAnswers(dog);
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withFixedDelay(5_000).withStatus(200).withBody("{}")));
    JsonPath stalled = awaitJob(WRITER, add(WRITER, user, "I have a cat named Tom."));
    assertThat(stalled.getString("status")).isEqualTo("completed");
    assertThat(stalled.getString("result.comparison.similar_source")).isEqualTo("unavailable");
    assertThat(SearchStandIn.server.findAll(postRequestedFor(urlEqualTo(PATH))).size())
        .as("the stalled lookup was asked again while the job waited")
        .isGreaterThanOrEqualTo(2 + 1 + 2);
  }

  @Test
  void aSaturatedSearchMakesTheJobWaitNotFallBack() {
    String user = newUser();
    String dog = onlyAdded(awaitJob(WRITER, add(WRITER, user, "My dog is called Rex.")));
    onlyAdded(awaitJob(WRITER, add(WRITER, user, "I work at Acme.")));
    // search-service's pools are full: 503 with Retry-After, as platform/http answers then.
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));

    String job = add(WRITER, user, "my dog is called rex");
    // The job went back to the queue, saying why, instead of deciding without search-service
    // (the reason stays while the sweeper tries it again every few seconds).
    JsonPath waiting =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> jobView(job),
                j -> j.getString("error") != null && j.getString("error").startsWith("waiting: "));
    assertThat(waiting.getString("status")).isNotIn("completed", "failed");
    assertThat(waiting.getString("error")).contains("search-service is busy");
    assertThat(SearchStandIn.server.findAll(postRequestedFor(urlEqualTo(PATH)))).isNotEmpty();

    // Once search-service answers, the sweeper runs the job again and the old fact is found.
    searchAnswers(dog);
    JsonPath done = awaitJob(WRITER, job);
    assertThat(done.getString("status")).isEqualTo("completed");
    assertThat(done.getString("result.comparison.similar_source")).isEqualTo("search-service");
    assertThat(done.getList("result.decisions.event")).containsExactly("NOOP");
  }

  static JsonPath jobView(String job) {
    return RestAssured.given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/jobs/" + job)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
