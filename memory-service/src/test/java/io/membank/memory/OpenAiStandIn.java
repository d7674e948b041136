package io.membank.memory;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server speaking the OpenAI chat-completions protocol, and the configuration that
 * points memory-service's extractor at it.
 */
public class OpenAiStandIn implements QuarkusTestResourceLifecycleManager {

  static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return Map.of(
        "membank.llm.extractor", "openai",
        "membank.llm.base-url", server.baseUrl() + "/v1",
        "membank.llm.model", "gpt-test",
        "membank.llm.api-key", "sk-test",
        "membank.llm.max-retries", "1",
        "membank.llm.timeout", "10s",
        "membank.extractor.degraded-model", "gpt-test-mini");
  }

  @Override
  public void stop() {
    server.stop();
  }
}
