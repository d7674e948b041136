package io.membank.governance.export;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * One WireMock server standing in for memory-, graph-, audit- and cost-service's internal export
 * endpoints (they cannot run in a module test); the tests stub their pages. Small pages (2), so
 * every source spans several.
 */
public class SourceStandIns implements QuarkusTestResourceLifecycleManager {

  static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    String url = server.baseUrl();
    try {
      return Map.of(
          "quarkus.rest-client.memory.url", url,
          "quarkus.rest-client.graph.url", url,
          "quarkus.rest-client.audit.url", url,
          "quarkus.rest-client.cost.url", url,
          "membank.governance.export.page-size", "2",
          "membank.governance.export.sources", "memories,graph,audit,usage",
          "membank.governance.export.dir", Files.createTempDirectory("membank-exports").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
