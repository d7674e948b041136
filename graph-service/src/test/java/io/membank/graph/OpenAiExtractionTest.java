package io.membank.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.membank.graph.GraphFixtures.READER;
import static io.membank.graph.GraphFixtures.created;
import static io.membank.graph.GraphFixtures.id;
import static io.membank.graph.GraphFixtures.publish;
import static io.membank.graph.GraphFixtures.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.Topics;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.Neo4jResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.llm.OpenAiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extraction by an OpenAI-compatible model (a WireMock stand-in), from memory.events to the graph
 * and llm.usage.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Neo4jResource.class)
@WithTestResource(OpenAiStandIn.class)
class OpenAiExtractionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void reset() {
    OpenAiStandIn.server().resetAll();
  }

  static void modelAnswers(String content) throws Exception {
    var message = JSON.createObjectNode().put("role", "assistant").put("content", content);
    var root = JSON.createObjectNode();
    root.putArray("choices").addObject().set("message", message);
    root.putObject("usage").put("prompt_tokens", 321).put("completion_tokens", 45);
    OpenAiStandIn.server()
        .stubFor(
            post(urlEqualTo("/v1/chat/completions"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(root))));
  }

  static JsonPath awaitEntities(String user, String name) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(READER)
                    .get("/api/v1/users/" + user + "/entities")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            p -> p.getList("entities.name").contains(name));
  }

  static JsonNode usageOf(String memory) {
    return KafkaTestClient.awaitRecord(
        Topics.LLM_USAGE,
        n ->
            "membank.llm.usage.recorded.v1".equals(n.path("type").asText())
                && n.path("subject").asText().equals(memory));
  }

  @Test
  void theModelsEntitiesAndRelationsAreStoredAndItsCostReported() throws Exception {
    String injected = "X]->() DETACH DELETE n //";
    modelAnswers(
        JSON.writeValueAsString(
            Map.of(
                "entities",
                new Object[] {
                  Map.of("name", "Kyoto", "type", "place", "confidence", 0.95),
                  Map.of("name", "Nintendo", "type", "organization", "confidence", 0.9)
                },
                "relations",
                new Object[] {
                  Map.of(
                      "source", "USER", "relation", "LIVES_IN", "target", "Kyoto", "strength", 0.9),
                  Map.of(
                      "source", "USER", "relation", injected, "target", "Nintendo", "strength", 0.4)
                })));
    String user = user();
    String memory = id();

    publish(created(user, memory, "I moved to Kyoto and play Nintendo games"));

    JsonPath entities = awaitEntities(user, "Nintendo");
    assertThat(entities.getString("entities.find { it.name == 'Kyoto' }.relationships[0].type"))
        .isEqualTo("LIVES_IN");
    assertThat(entities.getMap("entities.find { it.name == 'Nintendo' }.relationships[0]"))
        .containsEntry("type", "RELATED_TO")
        .containsEntry("label", injected)
        .containsEntry("other_kind", "user");
    OpenAiStandIn.server()
        .verify(
            1,
            postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(
                    matchingJsonPath(
                        "$.messages[1].content",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("Kyoto"))));

    JsonNode usage = usageOf(memory);
    assertThat(usage.path("tenantid").asText()).isEqualTo(GraphFixtures.TENANT);
    assertThat(usage.path("data").path("service").asText()).isEqualTo("graph-service");
    assertThat(usage.path("data").path("operation").asText()).isEqualTo("graph_extract");
    assertThat(usage.path("data").path("model").asText()).isEqualTo("gpt-test");
    assertThat(usage.path("data").path("tokens_in").asLong()).isEqualTo(321);
    assertThat(usage.path("data").path("tokens_out").asLong()).isEqualTo(45);
    assertThat(usage.path("data").path("success").asBoolean()).isTrue();
  }

  @Test
  void malformedModelOutputFallsBackToTheBuiltInExtractor() throws Exception {
    modelAnswers("{\"entities\": [ {\"name\": \"Star");
    String user = user();
    String memory = id();

    publish(created(user, memory, "I work at Starbucks"));

    JsonPath entities = awaitEntities(user, "Starbucks");
    assertThat(entities.getList("entities.find { it.name == 'Starbucks' }.relationships.type"))
        .contains("WORKS_AT");
    // One retry after the malformed answer, then the built-in extractor.
    OpenAiStandIn.server().verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    JsonNode usage = usageOf(memory);
    assertThat(usage.path("data").path("success").asBoolean()).isFalse();
    assertThat(usage.path("data").path("tokens_in").asLong()).isEqualTo(642);
  }
}
