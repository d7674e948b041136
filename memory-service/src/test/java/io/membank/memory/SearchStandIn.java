package io.membank.memory;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server speaking search-service's internal similar-memories protocol, so a test can
 * make it answer, fail or stall; memory-service compares new facts with only its single most recent
 * memory, so anything older is found through this call or not at all.
 */
public class SearchStandIn implements QuarkusTestResourceLifecycleManager {

  /** Init arg: the circuit breaker's request volume threshold (default 1000: never opens). */
  static final String BREAKER_THRESHOLD = "breaker-threshold";

  /** Init arg: how long a job waits for a busy search-service (default 15s). */
  static final String SATURATION_WAIT = "saturation-wait";

  static WireMockServer server;

  private String breakerThreshold = "1000";
  private String saturationWait = "15s";

  @Override
  public void init(Map<String, String> initArgs) {
    breakerThreshold = initArgs.getOrDefault(BREAKER_THRESHOLD, breakerThreshold);
    saturationWait = initArgs.getOrDefault(SATURATION_WAIT, saturationWait);
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return Map.of(
        "quarkus.rest-client.search.url",
        server.baseUrl(),
        "membank.memory.compare-with-recent",
        "1",
        // a job waits this long for a busy search-service before it decides without it (2 m in
        // production), so that a test can see both the wait and the end of it
        "membank.memory.similar-saturation-wait",
        saturationWait,
        // the tests make search-service fail on purpose; the circuit breaker must not carry one
        // test's failures into the next (it would answer "unavailable" without calling), except
        // where a test is about the breaker (SimilarBreakerTest)
        "io.membank.memory.similar.SimilarMemories/find/CircuitBreaker/requestVolumeThreshold",
        breakerThreshold,
        "io.membank.memory.similar.SimilarMemories/find/CircuitBreaker/delay",
        "5");
  }

  @Override
  public void stop() {
    server.stop();
  }
}
