package io.membank.testkit.llm;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server speaking the OpenAI chat-completions protocol, and the {@code membank.llm.*}
 * configuration that points a service's extractor at it ({@code @WithTestResource}). Tests stub and
 * verify the calls through {@link #server()}. The service's test classpath brings WireMock
 * (org.wiremock:wiremock-standalone, test scope); the testkit only compiles against it. The timeout
 * is generous on purpose: on a loaded two-core CI machine a local answer can take seconds, and a
 * timed-out call would read as a model failure.
 */
public class OpenAiStandIn implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer server;

  /** The running stand-in of the current test class. */
  public static WireMockServer server() {
    return server;
  }

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
