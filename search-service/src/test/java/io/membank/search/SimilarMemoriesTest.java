package io.membank.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.MemoryEvent;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The internal similar-memories endpoint memory-service calls: only service credentials (signed
 * with the service key) get in, answers are tenant-scoped, one list of matches per statement.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class SimilarMemoriesTest {

  static final String PATH = "/internal/v1/memories/similar";

  static Response call(String token, Map<String, Object> body) {
    return given().auth().oauth2(token).contentType("application/json").body(body).post(PATH);
  }

  @Test
  void serviceCredentialGetsTheTenantsSimilarMemoriesPerStatement() throws Exception {
    String user = SearchTest.user();
    String dog = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    SearchTest.publish(
        SearchTest.event(
            "acme",
            user,
            dog,
            1,
            MemoryEvent.Operation.CREATED,
            "My dog is called Rex",
            "fact",
            0.5,
            SearchTest.T0));
    // Same user id in another tenant: must never be returned to acme.
    SearchTest.publish(
        SearchTest.event(
            "globex",
            user,
            other,
            1,
            MemoryEvent.Operation.CREATED,
            "My dog is called Bella",
            "fact",
            0.5,
            SearchTest.T0));
    String service = TestTokens.service("acme", "memory-service");
    Map<String, Object> body =
        Map.of("user_id", user, "texts", List.of("my dog is called Max", "I like jazz"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(call(service, body).jsonPath().getList("results[0].memories.id"))
                    .containsExactly(dog));
    JsonPath answer = call(service, body).then().statusCode(200).extract().jsonPath();
    assertThat(answer.getInt("results[0].index")).isZero();
    assertThat(answer.getString("results[0].memories[0].content"))
        .isEqualTo("My dog is called Rex");
    assertThat(answer.getLong("results[0].memories[0].version")).isEqualTo(1);
    assertThat(answer.getInt("results[1].index")).isEqualTo(1);
    assertThat(answer.getList("results[1].memories")).isEmpty();
  }

  @Test
  void onlyServiceCredentialsSignedWithTheServiceKeyGetIn() {
    Map<String, Object> body = Map.of("user_id", "u-1", "texts", List.of("anything"));
    // A user's credential, even an admin's, is not a service: refused, and on the audit trail.
    String prober = "prober-" + UUID.randomUUID().toString().substring(0, 8);
    call(TestTokens.token("acme", prober, "reader", "writer", "admin"), body)
        .then()
        .statusCode(403);
    JsonNode refused =
        KafkaTestClient.awaitRecord(
            "audit.events", n -> prober.equals(n.path("data").path("actor").path("id").asText()));
    assertThat(refused.path("source").asText()).isEqualTo("/membank/search-service");
    assertThat(refused.path("data").path("service").asText()).isEqualTo("search-service");
    assertThat(refused.path("data").path("outcome").asText()).isEqualTo("unauthorized");
    assertThat(refused.path("data").path("resource").path("id").asText()).isEqualTo("POST " + PATH);
    assertThat(refused.path("tenantid").asText()).isEqualTo("acme");
    // The users' key cannot mint the service role…
    call(TestTokens.token("acme", "app-1", "service"), body).then().statusCode(401);
    // …and the service key signs nothing but service credentials.
    call(TestTokens.userRolesWithServiceKey("acme", "app-1"), body).then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.userRolesWithServiceKey("acme", "app-1"))
        .contentType("application/json")
        .body(Map.of("user_id", "u-1", "query", "anything"))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(401);
    given().contentType("application/json").body(body).post(PATH).then().statusCode(401);
  }

  @Test
  void badRequestsAreProblems() {
    String service = TestTokens.service("acme", "memory-service");
    call(service, Map.of("user_id", "u-1", "texts", List.of())).then().statusCode(400);
    call(service, Map.of("user_id", "u-1", "texts", List.of("x"), "limit", 21))
        .then()
        .statusCode(400);
    call(service, Map.of("user_id", "bad id!", "texts", List.of("x"))).then().statusCode(400);
  }
}
