package io.membank.memory;

import static io.membank.memory.MemoryApiTest.WRITER;
import static io.membank.memory.MemoryApiTest.add;
import static io.membank.memory.MemoryApiTest.awaitJob;
import static io.membank.memory.MemoryApiTest.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.membank.contracts.ApiKeyRecord;
import io.membank.identity.apikey.ApiKeyDirectory;
import io.membank.identity.apikey.ApiKeyFormat;
import io.membank.identity.apikey.ApiKeyHasher;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key scoped to one user (or agent) reads, edits and deletes by id only that user's memories and
 * jobs; someone else's answer 404, exactly like an id that does not exist.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class ScopedKeyReadsTest {

  /** Cheap argon2id: these keys guard nothing, and the hash is verified on every first use. */
  private static final ApiKeyHasher.Cost TEST_COST = new ApiKeyHasher.Cost(1024, 1, 1);

  @Inject ApiKeyDirectory keys;

  /** A new key of the test tenant, known to this service at once, scoped as given. */
  private String key(String userId, String agentId) {
    String keyId = ApiKeyFormat.newKeyId();
    String secret = ApiKeyFormat.newSecret();
    keys.apply(
        keyId,
        new ApiKeyRecord(
            keyId,
            MemoryApiTest.TENANT,
            1,
            List.of("reader", "writer"),
            userId,
            agentId,
            null,
            false,
            List.of(new ApiKeyRecord.Secret(ApiKeyHasher.hash(secret, TEST_COST), null))));
    return ApiKeyFormat.format(keyId, secret);
  }

  private static RequestSpecification as(String key) {
    return given().header("X-API-Key", key);
  }

  @Test
  void aUserScopedKeyFindsOnlyItsUsersMemoriesById() {
    String alice = newUser();
    String bob = newUser();
    String aliceJob = add(WRITER, alice, "I live in Porto.");
    String bobJob = add(WRITER, bob, "I live in Faro.");
    String aliceMemory = awaitJob(WRITER, aliceJob).getString("result.memories.added[0]");
    String bobMemory = awaitJob(WRITER, bobJob).getString("result.memories.added[0]");
    String key = key(alice, null);

    as(key)
        .get("/api/v1/memories/" + aliceMemory)
        .then()
        .statusCode(200)
        .body("content", equalTo("I live in Porto."));
    as(key).get("/api/v1/memories/" + aliceMemory + "/history").then().statusCode(200);
    as(key).get("/api/v1/jobs/" + aliceJob).then().statusCode(200);

    as(key)
        .get("/api/v1/memories/" + bobMemory)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(key).get("/api/v1/memories/" + bobMemory + "/history").then().statusCode(404);
    as(key).get("/api/v1/jobs/" + bobJob).then().statusCode(404);
    as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("content", "I live in Lagos."))
        .put("/api/v1/memories/" + bobMemory)
        .then()
        .statusCode(404);
    as(key).delete("/api/v1/memories/" + bobMemory).then().statusCode(404);

    // Nothing of Bob's changed.
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/memories/" + bobMemory)
        .then()
        .statusCode(200)
        .body("content", equalTo("I live in Faro."))
        .body("version", equalTo(1));
  }

  @Test
  void anAgentScopedKeyFindsOnlyItsAgentsMemoriesById() {
    String user = newUser();
    String plannerJob = addForAgent(user, "planner", "I fly to Oslo in June.");
    String otherJob = addForAgent(user, "writer", "I prefer window seats.");
    String plannerMemory = awaitJob(WRITER, plannerJob).getString("result.memories.added[0]");
    String otherMemory = awaitJob(WRITER, otherJob).getString("result.memories.added[0]");
    String key = key(null, "planner");

    as(key).get("/api/v1/memories/" + plannerMemory).then().statusCode(200);
    as(key).get("/api/v1/memories/" + otherMemory).then().statusCode(404);
    as(key).delete("/api/v1/memories/" + otherMemory).then().statusCode(404);
    as(key).delete("/api/v1/memories/" + plannerMemory).then().statusCode(204);
    // A deleted memory's history stays readable, for its own scope only.
    as(key).get("/api/v1/memories/" + plannerMemory + "/history").then().statusCode(200);
    as(key).get("/api/v1/memories/" + otherMemory + "/history").then().statusCode(404);
  }

  private static String addForAgent(String userId, String agentId, String content) {
    return given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", userId, "agent_id", agentId, "content", content))
        .post("/api/v1/memories")
        .then()
        .statusCode(202)
        .extract()
        .path("job_id");
  }
}
