package io.membank.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The Memory API end to end inside one service, on real PostgreSQL, Redis and Kafka. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class MemoryApiTest {

  static final String TENANT = "acme";
  static final String WRITER = TestTokens.token(TENANT, "app-1", "writer", "reader");

  static String newUser() {
    return "user-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String add(String token, String userId, String content) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "user_id",
                userId,
                "content",
                content,
                "metadata",
                Map.of("source", "chat", "n", 1)))
        .post("/api/v1/memories")
        .then()
        .statusCode(202)
        .body("status", equalTo("queued"))
        .extract()
        .path("job_id");
  }

  static JsonPath awaitJob(String token, String jobId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .get("/api/v1/jobs/" + jobId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            json -> List.of("completed", "failed").contains(json.getString("status")));
  }

  static JsonPath list(String token, String userId, String query) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/users/" + userId + "/memories" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void addThenListThenHistory() {
    String user = newUser();
    JsonPath job =
        awaitJob(WRITER, add(WRITER, user, "Hi there! I live in Lisbon. I love surfing."));

    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(job.getDouble("progress")).isEqualTo(1.0);
    assertThat(job.getList("result.decisions.event")).containsExactly("ADD", "ADD");
    List<String> added = job.getList("result.memories.added");
    assertThat(added).hasSize(2);

    JsonPath page = list(WRITER, user, "?sort_by=created_at&sort_order=asc");
    assertThat(page.getLong("total")).isEqualTo(2);
    assertThat(page.getList("memories.content"))
        .containsExactlyInAnyOrder("I live in Lisbon.", "I love surfing.");
    assertThat(page.getMap("memories[0].metadata"))
        .containsEntry("source", "chat")
        .containsEntry("n", 1);
    assertThat(page.getString("memories[0].provenance.job_id")).isNotBlank();

    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/memories/" + added.get(0) + "/history")
        .then()
        .statusCode(200)
        .body("history.reason", org.hamcrest.Matchers.contains("extracted"));
  }

  @Test
  void duplicateIsNoopAndContradictionClosesTheOldMemory() {
    String user = newUser();
    String paris =
        awaitJob(WRITER, add(WRITER, user, "I live in Paris."))
            .getList("result.memories.added")
            .get(0)
            .toString();

    JsonPath dup = awaitJob(WRITER, add(WRITER, user, "i live in paris"));
    assertThat(dup.getList("result.decisions.event")).containsExactly("NOOP");

    JsonPath moved = awaitJob(WRITER, add(WRITER, user, "I moved to Berlin."));
    assertThat(moved.getList("result.decisions.event")).containsExactly("INVALIDATE", "ADD");
    assertThat(moved.getList("result.memories.invalidated")).containsExactly(paris);

    assertThat(list(WRITER, user, "").getList("memories.content"))
        .containsExactly("I moved to Berlin.");
    String beforeTheMove = dup.getString("completed_at");
    assertThat(list(WRITER, user, "?as_of=" + beforeTheMove).getList("memories.content"))
        .as("what we knew before the move")
        .containsExactly("I live in Paris.");
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/users/" + user + "/memories?as_of=yesterday")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://membank.io/problems/invalid-as-of"));
    JsonPath all = list(WRITER, user, "?include_invalidated=true");
    assertThat(all.getList("memories.content"))
        .containsExactlyInAnyOrder("I moved to Berlin.", "I live in Paris.");
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/memories/" + paris)
        .then()
        .statusCode(200)
        .body("valid_to", org.hamcrest.Matchers.notNullValue());
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/memories/" + paris + "/history")
        .then()
        .statusCode(200)
        .body("history.reason", org.hamcrest.Matchers.contains("extracted", "contradicted"));
  }

  @Test
  void editAndDelete() {
    String user = newUser();
    String id =
        awaitJob(WRITER, add(WRITER, user, "I have a cat named Tom."))
            .getList("result.memories.added")
            .get(0)
            .toString();

    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(Map.of("content", "I have a cat named Thomas."))
        .put("/api/v1/memories/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("content", equalTo("I have a cat named Thomas."));

    given().auth().oauth2(WRITER).delete("/api/v1/memories/" + id).then().statusCode(204);
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/memories/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(list(WRITER, user, "").getLong("total")).isZero();
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/memories/" + id + "/history")
        .then()
        .statusCode(200)
        .body("history.reason", org.hamcrest.Matchers.contains("extracted", "edited", "deleted"));
  }

  @Test
  void chineseStaysChinese() {
    String user = newUser();
    JsonPath job = awaitJob(WRITER, add(WRITER, user, "你好！我住在上海。我喜欢喝绿茶。"));

    assertThat(job.getList("result.decisions.content")).containsExactly("我住在上海。", "我喜欢喝绿茶。");
  }

  @Test
  void idempotencyKeyReturnsTheSameJob() {
    String user = newUser();
    var first =
        given()
            .auth()
            .oauth2(WRITER)
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", "k-" + user)
            .body(Map.of("user_id", user, "content", "I play chess."))
            .post("/api/v1/memories")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();
    var second =
        given()
            .auth()
            .oauth2(WRITER)
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", "k-" + user)
            .body(Map.of("user_id", user, "content", "I play chess."))
            .post("/api/v1/memories")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();

    assertThat(second.getString("job_id")).isEqualTo(first.getString("job_id"));
    assertThat(second.getBoolean("duplicate")).isTrue();
  }

  @Test
  void reusedIdempotencyKeyWithAnotherBodyIsRefusedAndStoresNothing() {
    String user = newUser();
    String first =
        given()
            .auth()
            .oauth2(WRITER)
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", "reuse-" + user)
            .body(Map.of("user_id", user, "content", "I play chess."))
            .post("/api/v1/memories")
            .then()
            .statusCode(202)
            .extract()
            .path("job_id");

    // Same key, different content: refused, naming the key and the first job.
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "reuse-" + user)
        .body(Map.of("user_id", user, "content", "I play go."))
        .post("/api/v1/memories")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("idempotency-key-reused"))
        .body("detail", org.hamcrest.Matchers.containsString(first));
    // Same key, another user: refused too.
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "reuse-" + user)
        .body(Map.of("user_id", user + "-other", "content", "I play chess."))
        .post("/api/v1/memories")
        .then()
        .statusCode(422);
    // custom_id follows the same rule.
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", user, "content", "I like tea.", "custom_id", "c-" + user))
        .post("/api/v1/memories")
        .then()
        .statusCode(202);
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", user, "content", "I like coffee.", "custom_id", "c-" + user))
        .post("/api/v1/memories")
        .then()
        .statusCode(422)
        .body("detail", org.hamcrest.Matchers.containsString("custom_id"));

    // Only what was accepted is learnt: the refused payloads left nothing behind.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        given()
                            .auth()
                            .oauth2(WRITER)
                            .get("/api/v1/users/" + user + "/memories")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("memories.content", String.class))
                    .containsExactlyInAnyOrder("I play chess.", "I like tea."));
  }

  @Test
  void batchRunsOneJobPerConversation() {
    String user = newUser();
    String batchId =
        given()
            .auth()
            .oauth2(WRITER)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "user_id", user,
                    "conversations",
                        List.of(
                            Map.of(
                                "session_id",
                                "s1",
                                "messages",
                                List.of(
                                    Map.of(
                                        "id",
                                        "m1",
                                        "role",
                                        "user",
                                        "content",
                                        "I work at Initech."),
                                    Map.of("role", "assistant", "content", "Nice!"))),
                            Map.of(
                                "session_id",
                                "s2",
                                "messages",
                                List.of(
                                    Map.of(
                                        "id",
                                        "m2",
                                        "role",
                                        "user",
                                        "content",
                                        "My favorite color is teal.")))),
                    "options", Map.of("priority", 7, "merge_strategy", "merge")))
            .post("/api/v1/memories/batch")
            .then()
            .statusCode(202)
            .body("job_count", equalTo(2))
            .extract()
            .path("batch_id");

    Awaitility.await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(WRITER)
                    .get("/api/v1/batches/" + batchId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status"),
            "completed"::equals);
    JsonPath page = list(WRITER, user, "");
    assertThat(page.getList("memories.content"))
        .containsExactlyInAnyOrder("I work at Initech.", "My favorite color is teal.");
    assertThat(page.getList("memories.provenance.message_ids.flatten()")).contains("m1", "m2");
  }

  @Test
  void tenantsNeverSeeEachOther() {
    String user = newUser();
    String id =
        awaitJob(WRITER, add(WRITER, user, "I live in Madrid."))
            .getList("result.memories.added")
            .get(0)
            .toString();
    String jobId = add(WRITER, user, "I like tapas.");
    String other = TestTokens.token("globex", "app-2", "writer", "reader", "admin");

    given().auth().oauth2(other).get("/api/v1/memories/" + id).then().statusCode(404);
    given().auth().oauth2(other).get("/api/v1/memories/" + id + "/history").then().statusCode(404);
    given().auth().oauth2(other).get("/api/v1/jobs/" + jobId).then().statusCode(404);
    given()
        .auth()
        .oauth2(other)
        .contentType(ContentType.JSON)
        .body(Map.of("content", "hacked"))
        .put("/api/v1/memories/" + id)
        .then()
        .statusCode(404);
    given().auth().oauth2(other).delete("/api/v1/memories/" + id).then().statusCode(404);
    given()
        .auth()
        .oauth2(other)
        .get("/api/v1/users/" + user + "/memories")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    given()
        .auth()
        .oauth2(other)
        .delete("/api/v1/users/" + user + "/memories")
        .then()
        .statusCode(200)
        .body("deleted", equalTo(0));

    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/memories/" + id)
        .then()
        .statusCode(200)
        .body("content", equalTo("I live in Madrid."));
  }

  @jakarta.inject.Inject io.membank.identity.RevocationList revocations;

  @Test
  void revokedCredentialIsRefusedAtOnce() {
    String jti = UUID.randomUUID().toString();
    String token = TestTokens.withId(jti, TENANT, "app-revoked", "reader");
    given().auth().oauth2(token).get("/api/v1/users/u/memories").then().statusCode(200);

    revocations.revoke(jti, java.time.Instant.now().plusSeconds(3600));

    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/users/u/memories")
        .then()
        .statusCode(401)
        .body("type", equalTo("https://membank.io/problems/unauthenticated"));
  }

  @Test
  void rolesAreEnforced() {
    String reader = TestTokens.token(TENANT, "viewer", "reader");
    given()
        .auth()
        .oauth2(reader)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", "u", "content", "I swim."))
        .post("/api/v1/memories")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given().auth().oauth2(WRITER).delete("/api/v1/users/someone/memories").then().statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", "u", "content", "I swim."))
        .post("/api/v1/memories")
        .then()
        .statusCode(401);
  }

  @Test
  void badInputIsA400ProblemAndStoresNothing() {
    String user = newUser();
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body("{\"user_id\": ")
        .post("/api/v1/memories")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(Map.of("content", "I swim."))
        .post("/api/v1/memories")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("user_id"));
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", user, "content", " "))
        .post("/api/v1/memories")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://membank.io/problems/missing-content"));
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", user, "content", "x".repeat(8001)))
        .post("/api/v1/memories")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString("limit is 8000"));
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/users/" + user + "/memories?sort_by=password")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://membank.io/problems/unknown-sort-field"));
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/users/" + user + "/memories?limit=1000")
        .then()
        .statusCode(400);

    assertThat(list(WRITER, user, "").getLong("total")).isZero();
  }
}
