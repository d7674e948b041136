package io.membank.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An MCP client adds and finds a memory through the running stack: mcp-server (the built jar,
 * started here pointing at the stack's gateway) called over streamable HTTP by the official MCP
 * Java SDK client with a MemBank credential.
 */
class McpFlowIT {

  private static final String TENANT = "e2e-mcp-" + UUID.randomUUID().toString().substring(0, 6);
  private static Process server;
  private static int port;
  private static Path log;

  @BeforeAll
  static void startMcpServer() throws Exception {
    Path jar = Cli.root().resolve("mcp-server/target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("mcp-server is built (./mvnw -pl mcp-server package)").exists();
    port = freePort();
    log = Files.createTempFile("mcp-server-e2e", ".log");
    server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.port=" + freePort(),
                "-Dmembank.mcp.api-url=" + Stack.current().gatewayUrl(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await("mcp-server answers")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                                .GET()
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 401);
  }

  @AfterAll
  static void stopMcpServer() throws IOException {
    if (server != null) {
      server.destroy();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.joining());
  }

  @Test
  void anMcpClientAddsAndFindsAMemory() throws Exception {
    String token = DevTokens.token(TENANT, "e2e-assistant", "reader,writer");
    String user = "mcp-" + UUID.randomUUID().toString().substring(0, 8);
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                    .endpoint("/mcp")
                    .requestBuilder(
                        HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                    .build())
            .requestTimeout(Duration.ofSeconds(40))
            .build();
    try {
      client.initialize();
      McpSchema.CallToolResult added =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "add_memory",
                  Map.of("content", "I play the cello in an orchestra.", "user_id", user)));
      assertThat(added.isError()).as(text(added) + " (log " + log + ")").isFalse();
      assertThat(text(added)).contains("\"completed\"");

      String found =
          Awaitility.await("the memory is searchable")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () ->
                      text(
                          client.callTool(
                              new McpSchema.CallToolRequest(
                                  "search_memories", Map.of("query", "cello", "user_id", user)))),
                  t -> t.toLowerCase().contains("cello"));
      assertThat(found).contains(user);
    } finally {
      client.closeGracefully();
    }
  }
}
