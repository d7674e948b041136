package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of refused requests through the gateway, to two services: each files its 403s on the
 * tenant's audit trail, audit-service's burst rule makes the burst high risk, and a PagerDuty
 * Events API v2 event reaches a local receiver (where the stack sends them) within 5 s.
 */
class UnauthorizedBurstIT {

  private final List<JsonPath> received = new CopyOnWriteArrayList<>();
  private HttpServer receiver;

  @BeforeEach
  void listen() throws IOException {
    URI url = URI.create(Stack.current().observability().required().alertReceiverUrl());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", url.getPort()), 0);
    receiver.createContext(
        url.getPath(),
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            received.add(JsonPath.from(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
          }
          byte[] answer = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(202, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void aBurstOfRefusedRequestsPagesWithinFiveSeconds() {
    String tenant = "e2e-burst-" + UUID.randomUUID().toString().substring(0, 6);
    String reader = DevTokens.token(tenant, "e2e-prober", "reader");
    // Five refusals in the burst window (audit-service's default threshold is 5), from two
    // services: writes to memory-service and reads of the audit trail.
    for (int i = 0; i < 3; i++) {
      given()
          .baseUri(Stack.current().gatewayUrl())
          .auth()
          .oauth2(reader)
          .contentType("application/json")
          .body(Map.of("user_id", "victim", "content", "attempt " + i))
          .post("/api/v1/memories")
          .then()
          .statusCode(403);
    }
    for (int i = 0; i < 2; i++) {
      given()
          .baseUri(Stack.current().gatewayUrl())
          .auth()
          .oauth2(reader)
          .get("/api/v1/audit/events")
          .then()
          .statusCode(403);
    }
    long lastRequest = System.nanoTime();

    JsonPath page =
        Awaitility.await("a PagerDuty event for tenant " + tenant)
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> pageFor(tenant), p -> p != null);
    System.out.printf(
        "alert received %d ms after the last refused request%n",
        Duration.ofNanos(System.nanoTime() - lastRequest).toMillis());

    assertThat(page.getString("routing_key")).isEqualTo("local-stack");
    assertThat(page.getString("event_action")).isEqualTo("trigger");
    assertThat(page.getString("dedup_key")).isNotBlank();
    assertThat(page.getString("payload.severity")).isIn("error", "critical");
    assertThat(page.getString("payload.class")).isEqualTo("failure_burst");
    assertThat(page.getString("payload.component")).isIn("memory-service", "audit-service");
    assertThat(page.getString("payload.summary")).isNotBlank();

    // Both services' refusals are on the tenant's trail.
    String auditor = DevTokens.token(tenant, "e2e-auditor", "auditor");
    List<Map<String, Object>> trail =
        Awaitility.await("the refusals on the trail")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    given()
                        .baseUri(Stack.current().gatewayUrl())
                        .auth()
                        .oauth2(auditor)
                        .get("/api/v1/audit/events?outcome=unauthorized")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .<Map<String, Object>>getList("events"),
                list -> list.size() >= 5);
    assertThat(trail)
        .extracting(e -> (String) e.get("service"))
        .contains("memory-service", "audit-service");
    assertThat(trail)
        .allSatisfy(
            e -> assertThat(((Map<?, ?>) e.get("actor")).get("id")).isEqualTo("e2e-prober"));
  }

  private JsonPath pageFor(String tenant) {
    return received.stream()
        .filter(p -> ("tenant:" + tenant).equals(p.getString("payload.group")))
        .findFirst()
        .orElse(null);
  }
}
