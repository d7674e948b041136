package io.membank.diagnostics.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * What diagnostics watches, as real HTTP servers: memory-service's management interface (health
 * JSON and Prometheus text, healthy) on WireMock, graph-service on a port nobody listens on (a
 * killed process), and a PagerDuty Events v2 receiver. Healing uses the local runtime with {@code
 * /bin/true} as {@code bin/membank}, so a restart is a real process that succeeds.
 */
public class FakeSuiteResource implements QuarkusTestResourceLifecycleManager {

  /** Shared with the test: the receiver's requests are checked there. */
  public static WireMockServer server;

  static final String HEALTH_UP =
      """
      {"status":"UP","checks":[{"name":"Kafka connection health check","status":"UP"},
      {"name":"Database connections health check","status":"UP"}]}""";

  static final String METRICS =
      """
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.0E8
      jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 5.0E8
      agroal_active_count{datasource="default"} 2.0
      agroal_max_used_count{datasource="default"} 16.0
      http_server_requests_seconds_count{status="200",uri="/api/v1/memories"} 10.0
      http_server_requests_seconds_sum{status="200",uri="/api/v1/memories"} 0.5
      """;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    server.stubFor(
        get(urlEqualTo("/q/health/ready"))
            .willReturn(aResponse().withStatus(200).withBody(HEALTH_UP)));
    server.stubFor(
        get(urlEqualTo("/q/health/live"))
            .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"UP\"}")));
    server.stubFor(
        get(urlEqualTo("/q/metrics")).willReturn(aResponse().withStatus(200).withBody(METRICS)));
    server.stubFor(
        post(urlEqualTo("/v2/enqueue"))
            .willReturn(aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    String base = "http://127.0.0.1:" + server.port();
    return Map.ofEntries(
        Map.entry("membank.diagnostics.collect.targets.memory-service", base),
        Map.entry(
            "membank.diagnostics.collect.targets.graph-service",
            "http://127.0.0.1:" + closedPort()),
        Map.entry("membank.diagnostics.collect.timeout", "2s"),
        Map.entry("membank.diagnostics.pagerduty.url", base + "/v2/enqueue"),
        Map.entry("membank.diagnostics.pagerduty.routing-key", "test-routing-key"),
        Map.entry("membank.diagnostics.healing.runtime", "local"),
        Map.entry("membank.diagnostics.healing.dry-run", "false"),
        Map.entry("membank.diagnostics.healing.local.command", "/bin/true"));
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
