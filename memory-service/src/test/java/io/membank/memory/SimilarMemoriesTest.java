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
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions ask search-service for similar memories with a service credential, use what it finds
 * beyond the recent window, and carry on without it when it fails or stalls.
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
    SearchStandIn.server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

    JsonPath failed = awaitJob(WRITER, add(WRITER, user, "my dog is called rex"));
    assertThat(failed.getString("status")).isEqualTo("completed");
    assertThat(failed.getString("result.comparison.similar_source")).isEqualTo("unavailable");
    // Unseen, the old fact is added again: exactly what the search call exists to prevent.
    assertThat(failed.getList("result.decisions.event")).containsExactly("ADD");
    assertThat(failed.getList("result.memories.added")).doesNotContain(dog);

    // A stalled search-service costs the 2 s timeout, not the job.
    searchAnswers(dog);
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withFixedDelay(5_000).withStatus(200).withBody("{}")));
    JsonPath stalled = awaitJob(WRITER, add(WRITER, user, "I have a cat named Tom."));
    assertThat(stalled.getString("status")).isEqualTo("completed");
    assertThat(stalled.getString("result.comparison.similar_source")).isEqualTo("unavailable");
  }
}
