package io.membank.mcp;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The MemBank REST API as a WireMock server speaking HTTP and JSON like the real services (each
 * test stubs what it needs): the MCP server under test is pointed at it.
 */
public class MemBankApiStandIn implements QuarkusTestResourceLifecycleManager {

  static WireMockServer api;

  @Override
  public Map<String, String> start() {
    api = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    api.start();
    return Map.of("membank.mcp.api-url", api.baseUrl(), "membank.mcp.job-poll", "50ms");
  }

  @Override
  public void stop() {
    if (api != null) {
      api.stop();
    }
  }
}
