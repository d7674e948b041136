package io.membank.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.membank.gateway.RouteTable.ServiceDef;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated nginx configuration with the real nginx (skipped where /usr/sbin/nginx is not
 * installed; bin/membank setup installs it): {@code nginx -t} on the checked-in file, then a
 * private gateway on free loopback ports in front of one stub server per service. The nginx it
 * starts is stopped (by its pid file) after the tests.
 */
class NginxGatewayTest {

  private static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir static Path prefix;

  private static final List<HttpServer> stubs = new ArrayList<>();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static int gatewayPort;
  private static Path conf;
  private static boolean started;

  @BeforeAll
  static void startGateway() throws Exception {
    if (!Files.isExecutable(NGINX)) {
      return;
    }
    RouteTable table = GatewayDir.table();
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (ServiceDef s : table.services()) {
      if (s.name().equals("cost-service")) {
        ports.put(s.name(), freePort()); // nothing listens: the gateway answers 503
        continue;
      }
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            String json =
                "{\"service\":\"%s\",\"method\":\"%s\",\"uri\":\"%s\",\"rid\":\"%s\",\"auth\":\"%s\",\"bytes\":%d}"
                    .formatted(
                        s.name(),
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        exchange.getRequestHeaders().getFirst("X-Request-Id"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        body.length);
            byte[] out = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
          });
      server.start();
      stubs.add(server);
      ports.put(s.name(), server.getAddress().getPort());
    }
    gatewayPort = freePort();
    conf = prefix.resolve("nginx.conf");
    Files.writeString(
        conf,
        NginxConfigRenderer.render(
            table, new NginxConfigRenderer.Listen("127.0.0.1", gatewayPort, ports), true));
    assertThat(nginx("-c", conf.toString())).as("nginx starts").isZero();
    started = true;
    waitForPort(gatewayPort);
  }

  @AfterAll
  static void stopGateway() throws Exception {
    try {
      if (started) {
        nginx("-c", conf.toString(), "-s", "stop");
        Path pid = prefix.resolve("nginx.pid");
        for (int i = 0; i < 50 && Files.exists(pid); i++) {
          Thread.sleep(100);
        }
        if (Files.exists(pid)) { // last resort: the master we started, by its own pid
          long p = Long.parseLong(Files.readString(pid).trim());
          ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } finally {
      stubs.forEach(s -> s.stop(0));
    }
  }

  @Test
  void checkedInConfigPassesNginxTest() throws Exception {
    assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (bin/membank setup installs it)");
    Path p = Files.createDirectories(prefix.resolve("t"));
    Path checkedIn = GatewayDir.dir().resolve(GatewayConfigGenerator.NGINX_FILE);
    ProcessBuilder pb =
        new ProcessBuilder(
                NGINX.toString(),
                "-t",
                "-p",
                p.toString(),
                "-e",
                "error.log",
                "-c",
                checkedIn.toString())
            .redirectErrorStream(true);
    Process proc = pb.start();
    String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(proc.exitValue()).as(output).isZero();
    assertThat(output).contains("syntax is ok").contains("test is successful");
  }

  @Test
  void proxiesByExactPathAndPassesAuthorizationAndRequestId() throws Exception {
    assumeTrue(started, "nginx is not installed");
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/api/v1/memories/search"))
                .header("Authorization", "Bearer abc.def.ghi")
                .header("X-Request-Id", "client-rid-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"x\"}")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"service\":\"search-service\"")
        .contains("\"uri\":\"/api/v1/memories/search\"")
        .contains("\"auth\":\"Bearer abc.def.ghi\"")
        .contains("\"rid\":\"client-rid-1\"");
    assertThat(r.headers().allValues("X-Request-Id")).containsExactly("client-rid-1");

    HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/api/v1/memories/m-1?x=1")).GET());
    assertThat(get.body())
        .contains("\"service\":\"memory-service\"")
        .contains("\"uri\":\"/api/v1/memories/m-1?x=1\"");
    String generated = get.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(generated).matches("[0-9a-f]{32}");
    assertThat(get.body()).contains("\"rid\":\"" + generated + "\"");

    assertThat(send(HttpRequest.newBuilder(uri("/api/v1/users/u-1/graph")).GET()).body())
        .contains("graph-service");
    assertThat(send(HttpRequest.newBuilder(uri("/api/v1/users/u-1/memories")).GET()).body())
        .contains("memory-service");
  }

  @Test
  void unknownPathsManagementAndWrongMethodsAreProblems() throws Exception {
    assumeTrue(started, "nginx is not installed");
    for (String path :
        List.of(
            "/q/health",
            "/q/openapi",
            "/nope",
            "/api/v1/memories/a/b/c",
            "/internal/v1/memories/similar")) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
      assertThat(r.body())
          .contains("\"type\":\"https://membank.io/problems/not-found\"")
          .contains("\"status\":404");
    }
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/api/v1/memories/search"))
                .header("X-Request-Id", "rid-405")
                .GET());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().allValues("X-Request-Id")).containsExactly("rid-405");
    assertThat(r.body())
        .contains("https://membank.io/problems/method-not-allowed")
        .contains("\"request_id\":\"rid-405\"");
  }

  @Test
  void longRequestLinesReachTheServiceAndOverlongOnesGetAProblem() throws Exception {
    assumeTrue(started, "nginx is not installed");
    // 10 KB of query string: past nginx's default 8 KiB buffers, within the gateway's 32 KiB
    HttpResponse<String> longQuery =
        send(HttpRequest.newBuilder(uri("/api/v1/memories?cursor=" + "a".repeat(10_000))).GET());
    assertThat(longQuery.statusCode()).isNotEqualTo(414);

    HttpResponse<String> overlong =
        send(HttpRequest.newBuilder(uri("/api/v1/memories?cursor=" + "a".repeat(40_000))).GET());
    assertThat(overlong.statusCode()).isEqualTo(414);
    assertThat(overlong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(overlong.body()).contains("https://membank.io/problems/uri-too-long");
  }

  @Test
  void bodyLimitsPerRouteAndUnreachableServices() throws Exception {
    assumeTrue(started, "nginx is not installed");
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];
    HttpResponse<String> tooLarge =
        send(
            HttpRequest.newBuilder(uri("/api/v1/memories"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes)));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("payload-too-large");

    HttpResponse<String> batch =
        send(
            HttpRequest.newBuilder(uri("/api/v1/memories/batch"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes)));
    assertThat(batch.statusCode()).isEqualTo(200);
    assertThat(batch.body()).contains("\"bytes\":" + twoMegabytes.length);

    HttpResponse<String> down = send(HttpRequest.newBuilder(uri("/api/v1/cost/whoami")).GET());
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(down.body()).contains("service-unavailable");
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(
        b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + gatewayPort + path);
  }

  private static int nginx(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of(NGINX.toString(), "-p", prefix.toString(), "-e", "error.log"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("nginx " + cmd + " did not finish: " + out);
    }
    if (p.exitValue() != 0) {
      System.err.println("nginx " + cmd + ": " + out);
    }
    return p.exitValue();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx did not listen on " + port);
  }
}
