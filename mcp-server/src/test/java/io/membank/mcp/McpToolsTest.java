package io.membank.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP server through the official MCP Java SDK client over streamable HTTP, against a
 * protocol-level stand-in of the MemBank REST API: tools listed, each tool's call, the caller's
 * credential passed through, API problems as tool errors, and no session without a credential.
 */
@QuarkusTest
@WithTestResource(MemBankApiStandIn.class)
class McpToolsTest {

  static final String TOKEN = "eyJ.test.token";

  @TestHTTPResource("/")
  URL base;

  McpSyncClient client;

  McpSyncClient connect(String header, String value) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(base.toString())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header(header, value))
            .build();
    McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
    c.initialize();
    return c;
  }

  @BeforeEach
  void setUp() {
    MemBankApiStandIn.api.resetAll();
    client = connect("Authorization", "Bearer " + TOKEN);
  }

  @AfterEach
  void tearDown() {
    client.closeGracefully();
  }

  static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.joining());
  }

  McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
    return c.callTool(new McpSchema.CallToolRequest(tool, args));
  }

  @Test
  void theFiveMemoryToolsAreListedWithTheirArguments() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .containsExactlyInAnyOrder(
            "add_memory", "search_memories", "list_memories", "delete_memory", "related_memories");
    McpSchema.Tool add =
        tools.stream().filter(t -> t.name().equals("add_memory")).findFirst().orElseThrow();
    assertThat(add.inputSchema().get("required"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrder("content", "user_id");
    assertThat(add.inputSchema().get("properties"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsKeys("agent_id", "session_id", "wait");
  }

  @Test
  void addMemoryPassesTheCallersCredentialAndWaitsForTheJob() {
    var api = MemBankApiStandIn.api;
    api.stubFor(
        post("/api/v1/memories")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"job_id\":\"j-1\",\"status\":\"queued\",\"duplicate\":false}")));
    api.stubFor(
        get("/api/v1/jobs/j-1")
            .inScenario("job")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("{\"id\":\"j-1\",\"status\":\"processing\",\"progress\":0.5}"))
            .willSetStateTo("done"));
    api.stubFor(
        get("/api/v1/jobs/j-1")
            .inScenario("job")
            .whenScenarioStateIs("done")
            .willReturn(
                okJson(
                    "{\"id\":\"j-1\",\"status\":\"completed\",\"progress\":1.0,"
                        + "\"result\":{\"added\":[\"m-9\"]}}")));

    McpSchema.CallToolResult result =
        call(client, "add_memory", Map.of("content", "I love green tea", "user_id", "alice"));

    assertThat(result.isError()).isFalse();
    assertThat(text(result)).contains("\"completed\"").contains("m-9");
    api.verify(
        postRequestedFor(urlEqualTo("/api/v1/memories"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(
                equalToJson("{\"user_id\":\"alice\",\"content\":\"I love green tea\"}")));
    api.verify(2, getRequestedFor(urlEqualTo("/api/v1/jobs/j-1")));
  }

  @Test
  void searchListDeleteAndRelatedCallTheirEndpoints() {
    var api = MemBankApiStandIn.api;
    api.stubFor(
        post("/api/v1/memories/search")
            .willReturn(okJson("{\"results\":[{\"id\":\"m-1\",\"content\":\"likes tea\"}]}")));
    api.stubFor(
        get(urlPathEqualTo("/api/v1/users/alice/memories"))
            .willReturn(okJson("{\"memories\":[],\"total\":0,\"limit\":5,\"offset\":0}")));
    api.stubFor(delete("/api/v1/memories/m-1").willReturn(aResponse().withStatus(204)));
    api.stubFor(
        get(urlPathEqualTo("/api/v1/memories/m-1/related"))
            .willReturn(okJson("{\"related\":[{\"id\":\"m-2\"}]}")));

    assertThat(text(call(client, "search_memories", Map.of("query", "tea", "user_id", "alice"))))
        .contains("likes tea");
    assertThat(text(call(client, "list_memories", Map.of("user_id", "alice", "limit", 5))))
        .contains("\"total\"");
    assertThat(text(call(client, "delete_memory", Map.of("memory_id", "m-1"))))
        .contains("\"deleted\"");
    assertThat(text(call(client, "related_memories", Map.of("memory_id", "m-1")))).contains("m-2");

    api.verify(
        postRequestedFor(urlEqualTo("/api/v1/memories/search"))
            .withRequestBody(
                equalToJson("{\"user_id\":\"alice\",\"query\":\"tea\",\"limit\":10}")));
    api.verify(getRequestedFor(urlEqualTo("/api/v1/users/alice/memories?limit=5&offset=0")));
    api.verify(
        deleteRequestedFor(urlEqualTo("/api/v1/memories/m-1"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    api.verify(getRequestedFor(urlEqualTo("/api/v1/memories/m-1/related?depth=2&limit=10")));
  }

  @Test
  void anApiProblemIsAToolErrorWithItsDetail() {
    MemBankApiStandIn.api.stubFor(
        delete("/api/v1/memories/m-404")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        "{\"type\":\"https://membank.io/problems/not-found\",\"title\":\"Not"
                            + " Found\",\"status\":404,\"detail\":\"memory m-404 not found\"}")));

    McpSchema.CallToolResult result = call(client, "delete_memory", Map.of("memory_id", "m-404"));

    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("HTTP 404").contains("memory m-404 not found");
  }

  @Test
  void anApiKeyHeaderIsPassedOnAsABearerCredential() {
    MemBankApiStandIn.api.stubFor(
        post("/api/v1/memories/search").willReturn(okJson("{\"results\":[]}")));
    McpSyncClient keyed = connect("X-API-Key", "mb_test_key");
    try {
      call(keyed, "search_memories", Map.of("query", "x", "user_id", "bob"));
    } finally {
      keyed.closeGracefully();
    }
    MemBankApiStandIn.api.verify(
        postRequestedFor(urlEqualTo("/api/v1/memories/search"))
            .withHeader("Authorization", equalTo("Bearer mb_test_key")));
  }

  @Test
  void withoutACredentialTheEndpointAnswers401() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                                + "\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"membank\"");
    assertThat(MemBankApiStandIn.api.getAllServeEvents()).isEmpty();
  }
}
