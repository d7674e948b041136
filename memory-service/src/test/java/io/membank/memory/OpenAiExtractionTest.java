package io.membank.memory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.llm.OpenAiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extraction by an OpenAI-compatible model (a WireMock stand-in), end to end in the service. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OpenAiStandIn.class)
class OpenAiExtractionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void reset() {
    OpenAiStandIn.server().resetAll();
  }

  static String completion(String content) throws Exception {
    var message = JSON.createObjectNode().put("role", "assistant").put("content", content);
    var root = JSON.createObjectNode();
    root.putArray("choices").addObject().set("message", message);
    root.putObject("usage").put("prompt_tokens", 321).put("completion_tokens", 45);
    return JSON.writeValueAsString(root);
  }

  String add(String user, String content) {
    return given()
        .auth()
        .oauth2(MemoryApiTest.WRITER)
        .contentType("application/json")
        .body(Map.of("user_id", user, "content", content))
        .post("/api/v1/memories")
        .then()
        .statusCode(202)
        .extract()
        .path("job_id");
  }

  @Test
  void modelFactsAreStoredAndTheirCostReported() throws Exception {
    String facts =
        "{\"facts\":[{\"content\":\"Lives in Kyoto\",\"type\":\"personal_info\",\"importance\":0.8,"
            + "\"entities\":[\"Kyoto\"],\"slot\":\"lives_in\",\"slot_value\":\"kyoto\"}]}";
    OpenAiStandIn.server()
        .stubFor(
            post(urlEqualTo("/v1/chat/completions"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion(facts))));
    String user = "llm-" + UUID.randomUUID().toString().substring(0, 8);

    JsonPath job =
        MemoryApiTest.awaitJob(MemoryApiTest.WRITER, add(user, "Hi! I just moved to Kyoto."));

    assertThat(job.getList("result.decisions.content")).containsExactly("Lives in Kyoto");
    assertThat(job.getString("result.usage.provider")).isEqualTo("openai");
    assertThat(job.getString("result.usage.model")).isEqualTo("gpt-test");
    assertThat(job.getLong("result.usage.tokens_in")).isEqualTo(321);
    assertThat(job.getLong("result.usage.tokens_out")).isEqualTo(45);
    JsonNode usage =
        KafkaTestClient.awaitRecord(
            "llm.usage",
            n ->
                "membank.llm.usage.recorded.v1".equals(n.path("type").asText())
                    && n.path("subject").asText().equals(job.getString("id")));
    assertThat(usage.path("data").path("tokens_in").asLong()).isEqualTo(321);
    assertThat(usage.path("data").path("operation").asText()).isEqualTo("extract");
    assertThat(usage.path("data").path("success").asBoolean()).isTrue();
  }

  @Test
  void malformedModelOutputFallsBackToTheBuiltInExtractor() throws Exception {
    OpenAiStandIn.server()
        .stubFor(
            post(urlEqualTo("/v1/chat/completions"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion("{\"facts\": [ {\"content\": \"Lives in"))));
    String user = "llm-" + UUID.randomUUID().toString().substring(0, 8);

    JsonPath job = MemoryApiTest.awaitJob(MemoryApiTest.WRITER, add(user, "I live in Nara."));

    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(job.getList("result.decisions.content")).containsExactly("I live in Nara.");
    assertThat(job.getString("result.usage.fallback")).startsWith("builtin:");
    assertThat(job.getInt("result.usage.model_calls")).isEqualTo(2);
    assertThat(List.of(job.getLong("result.usage.tokens_in"))).containsExactly(642L);
  }
}
