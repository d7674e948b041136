package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: an API key made through the gateway works on every service like a JWT of its tenant and
 * roles, is held to its user scope, and stops working everywhere within 5 s of its revocation.
 */
class ApiKeysIT {

  private static final Duration REVOCATION_BOUND = Duration.ofSeconds(5);
  private static final Duration PROPAGATION_WAIT = Duration.ofSeconds(15);

  private final String tenant = "e2e-keys-" + UUID.randomUUID().toString().substring(0, 8);
  private final String user = "keys-user";

  /** A read endpoint of each service, as the key's holder calls it. */
  private Map<String, Function<RequestSpecification, Response>> reads() {
    Map<String, Function<RequestSpecification, Response>> reads = new LinkedHashMap<>();
    reads.put("memory", r -> r.get("/api/v1/users/" + user + "/memories"));
    reads.put(
        "search",
        r ->
            r.contentType(ContentType.JSON)
                .body(Map.of("user_id", user, "query", "tea"))
                .post("/api/v1/memories/search"));
    reads.put("graph", r -> r.get("/api/v1/users/" + user + "/graph"));
    reads.put("audit", r -> r.get("/api/v1/audit/events"));
    reads.put("governance", r -> r.get("/api/v1/governance/policies"));
    reads.put("cost", r -> r.get("/api/v1/cost/usage"));
    // Diagnoses answer only to the operations tenant; who-am-I proves the key is accepted there.
    reads.put("diagnostics", r -> r.get("/api/v1/diagnostics/whoami"));
    return reads;
  }

  private static RequestSpecification withKey(String key, boolean asHeader) {
    RequestSpecification r = given().baseUri(Stack.current().gatewayUrl());
    return asHeader ? r.header("X-API-Key", key) : r.header("Authorization", "Bearer " + key);
  }

  /** Status of each service's read with the key. */
  private Map<String, Integer> statuses(String key, boolean asHeader) {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    reads()
        .forEach(
            (service, read) ->
                statuses.put(service, read.apply(withKey(key, asHeader)).statusCode()));
    return statuses;
  }

  /** Polls until every service answers {@code status}; returns how long that took. */
  private Duration awaitEverywhere(String key, int status, Duration atMost) throws Exception {
    long start = System.nanoTime();
    Map<String, Integer> last = Map.of();
    while (System.nanoTime() - start < atMost.toNanos()) {
      last = statuses(key, false);
      if (last.values().stream().allMatch(s -> s == status)) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not " + status + " everywhere after " + atMost + ": " + last);
  }

  private String admin() {
    return DevTokens.token(tenant, "e2e-admin", "admin,reader,auditor");
  }

  private Response create(String body) {
    return given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/keys");
  }

  @Test
  void aKeyWorksOnEveryServiceAndStopsEverywhereWithinFiveSecondsOfItsRevocation()
      throws Exception {
    Response created =
        create("{\"name\": \"e2e\", \"roles\": [\"reader\", \"auditor\", \"admin\"]}");
    created.then().statusCode(201);
    String key = created.path("key");
    String id = created.path("api_key.id");

    Duration accepted = awaitEverywhere(key, 200, PROPAGATION_WAIT);
    assertThat(statuses(key, true).values()).as("with X-API-Key").containsOnly(200);
    withKey(key, false)
        .get("/api/v1/governance/whoami")
        .then()
        .body("tenant", equalTo(tenant))
        .body("subject", equalTo("apikey:" + id));

    given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(admin())
        .delete("/api/v1/keys/" + id)
        .then()
        .statusCode(200)
        .body("state", equalTo("revoked"));
    Duration refused = awaitEverywhere(key, 401, REVOCATION_BOUND);

    reads()
        .get("memory")
        .apply(withKey(key, true))
        .then()
        .contentType("application/problem+json")
        .body("detail", equalTo("The credential was revoked"));
    System.out.printf(
        "api-keys: accepted by all %d services %d ms after creation, refused by all %d ms after"
            + " revocation%n",
        reads().size(), accepted.toMillis(), refused.toMillis());
  }

  @Test
  void aKeyScopedToAUserMayNotReadAnotherOne() throws Exception {
    Response created =
        create("{\"name\": \"scoped\", \"roles\": [\"reader\"], \"user_id\": \"" + user + "\"}");
    created.then().statusCode(201);
    String key = created.path("key");

    long deadline = System.nanoTime() + PROPAGATION_WAIT.toNanos();
    while (withKey(key, true).get("/api/v1/users/" + user + "/memories").statusCode() != 200) {
      assertThat(System.nanoTime()).as("key accepted in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    withKey(key, true)
        .get("/api/v1/users/someone-else/memories")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("user_id"));
    withKey(key, true)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", "someone-else", "query", "tea"))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(403)
        .body("errors[0].field", equalTo("user_id"));
  }

  @Test
  void aKeyCannotGrantARoleItsCreatorLacks() {
    create("{\"name\": \"x\", \"roles\": [\"writer\"]}")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("roles"));
    given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(admin())
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .body("items.name", equalTo(List.of()));
  }
}
