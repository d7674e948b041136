package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the running stack: an admin subscribes a local receiver to job.completed through
 * the gateway, a memory is added, and the receiver gets the job's outcome with a Standard Webhooks
 * signature it verifies itself; the delivery log shows it delivered.
 */
class WebhookFlowIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TENANT = "e2e-hooks-" + UUID.randomUUID().toString().substring(0, 6);

  private final String admin = DevTokens.token(TENANT, "e2e-admin", "admin");
  private final String writer = DevTokens.token(TENANT, "e2e-writer", "reader,writer");
  private final List<String[]> received = new CopyOnWriteArrayList<>();
  private HttpServer receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          var h = exchange.getRequestHeaders();
          received.add(
              new String[] {
                h.getFirst("webhook-id"),
                h.getFirst("webhook-timestamp"),
                h.getFirst("webhook-signature"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
              });
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void aReceiverGetsASignedJobCompleted() throws Exception {
    JsonPath webhook =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .auth()
            .oauth2(admin)
            .contentType("application/json")
            .body(
                Map.of(
                    "url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/membank",
                    "events",
                    List.of("job.completed")))
            .post("/api/v1/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String secret = webhook.getString("secret");

    Memories memories = new Memories(writer);
    String job =
        memories.add(
            "hooks-" + UUID.randomUUID().toString().substring(0, 8), "I sail on weekends.");

    String[] delivery =
        Awaitility.await("the receiver gets job.completed")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(300))
            .until(
                () ->
                    received.stream()
                        .filter(r -> job.equals(body(r).path("data").path("job_id").asText()))
                        .findFirst()
                        .orElse(null),
                r -> r != null);
    JsonNode body = body(delivery);
    assertThat(body.path("type").asText()).isEqualTo("job.completed");
    assertThat(body.path("tenant_id").asText()).isEqualTo(TENANT);
    assertThat(body.path("data").path("status").asText()).isEqualTo("completed");
    assertThat(verifies(delivery, secret)).as("Standard Webhooks signature").isTrue();

    String id = webhook.getString("id");
    Awaitility.await("the delivery log shows it delivered")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                given()
                    .baseUri(Stack.current().gatewayUrl())
                    .auth()
                    .oauth2(admin)
                    .get("/api/v1/webhooks/" + id + "/deliveries?status=delivered")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items.id")
                    .contains(delivery[0]));
    given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(admin)
        .delete("/api/v1/webhooks/" + id)
        .then()
        .statusCode(204);
  }

  private static JsonNode body(String[] r) {
    try {
      return JSON.readTree(r[3]);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  /** The subscriber's check: HMAC-SHA256 of id.timestamp.body under the secret's key. */
  private static boolean verifies(String[] r, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    byte[] expected =
        mac.doFinal((r[0] + "." + r[1] + "." + r[3]).getBytes(StandardCharsets.UTF_8));
    return r[2].startsWith("v1,")
        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(r[2].substring(3)));
  }
}
