package io.membank.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a WireMock stand-in speaking the OpenAI chat-completions protocol. */
class OpenAiChatClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SCHEMA = JSON.createObjectNode().put("type", "object");

  private WireMockServer server;
  private OpenAiChatClient client;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    client =
        new OpenAiChatClient(
            new ChatSettings(
                URI.create(server.baseUrl() + "/v1"),
                "gpt-test",
                Optional.of("sk-test"),
                Duration.ofSeconds(2),
                2,
                "openai"),
            Duration.ofMillis(10));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  static String completion(String content, int in, int out) throws Exception {
    return JSON.writeValueAsString(
        JSON.createObjectNode()
            .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                "choices",
                JSON.createArrayNode()
                    .add(
                        JSON.createObjectNode()
                            .set(
                                "message",
                                JSON.createObjectNode()
                                    .put("role", "assistant")
                                    .put("content", content))))
            .set(
                "usage",
                JSON.createObjectNode().put("prompt_tokens", in).put("completion_tokens", out)));
  }

  @Test
  void sendsAStructuredOutputRequestAndParsesTheAnswer() throws Exception {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion("{\"facts\":[{\"content\":\"Likes tea\"}]}", 120, 15))));

    ChatResult result = client.complete("extract", "I like tea", "facts", SCHEMA);

    assertThat(result.content().path("facts").get(0).path("content").asText())
        .isEqualTo("Likes tea");
    assertThat(result.tokensIn()).isEqualTo(120);
    assertThat(result.tokensOut()).isEqualTo(15);
    assertThat(result.attempts()).isEqualTo(1);
    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer sk-test"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test")))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
            .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo("I like tea"))));
  }

  @Test
  void malformedJsonFromTheModelIsRetriedAndItsTokensCounted() throws Exception {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion("{\"facts\": [ {\"content\": \"Likes", 100, 7)))
            .willSetStateTo("second"));
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion("```json\n{\"facts\":[]}\n```", 100, 5))));

    ChatResult result = client.complete("extract", "hello", "facts", SCHEMA);

    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.content().path("facts").isArray()).isTrue();
    assertThat(result.tokensIn()).isEqualTo(200);
    assertThat(result.tokensOut()).isEqualTo(12);
  }

  @Test
  void serverErrorsAreRetriedThenReported() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> client.complete("extract", "hi", "facts", SCHEMA))
        .isInstanceOf(ChatException.class)
        .hasMessageContaining("after 3 attempts");
    server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void aRejectedKeyFailsAtOnce() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"bad key\"}")));

    assertThatThrownBy(() -> client.complete("extract", "hi", "facts", SCHEMA))
        .isInstanceOf(ChatException.class)
        .hasMessageContaining("401");
    server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void aSlowServerTimesOut() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(aResponse().withFixedDelay(3000).withBody("{}")));

    assertThatThrownBy(() -> client.complete("extract", "hi", "facts", SCHEMA))
        .isInstanceOf(ChatException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void eachCallIsOneClientSpanWithModelAndTokens() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
      OpenAiChatClient traced =
          new OpenAiChatClient(client.settings(), Duration.ofMillis(10), tracing.get("test"));
      server.stubFor(
          post(urlEqualTo("/v1/chat/completions"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(completion("{\"facts\":[]}", 42, 7))));
      traced.complete("extract", "I like tea", "facts", SCHEMA);
      server.resetAll();
      server.stubFor(
          post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)));
      assertThatThrownBy(() -> traced.complete("extract", "hi", "facts", SCHEMA))
          .isInstanceOf(ChatException.class);

      List<SpanData> done = spans.getFinishedSpanItems();
      assertThat(done).hasSize(2);
      SpanData ok = done.get(0);
      assertThat(ok.getName()).isEqualTo("chat gpt-test");
      assertThat(ok.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(ok.getAttributes().get(AttributeKey.stringKey("gen_ai.system")))
          .isEqualTo("openai");
      assertThat(ok.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
          .isEqualTo("gpt-test");
      assertThat(ok.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
          .isEqualTo(42L);
      assertThat(ok.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
          .isEqualTo(7L);
      assertThat(ok.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(done.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
  }
}
