package io.membank.memory;

import static io.membank.memory.MemoryApiTest.WRITER;
import static io.membank.memory.MemoryApiTest.awaitJob;
import static io.membank.memory.MemoryApiTest.list;
import static io.membank.memory.MemoryApiTest.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's writing and reading on real PostgreSQL, Redis and Kafka: messages, infer false, event
 * time, expiry, the filter language on listing, and cursor pagination.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class WritingAndReadingTest {

  static final OffsetDateTime LAST_YEAR =
      OffsetDateTime.of(2025, 3, 14, 18, 30, 0, 0, ZoneOffset.UTC);

  static String post(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/memories")
        .then()
        .statusCode(202)
        .extract()
        .path("job_id");
  }

  static JsonPath completed(Map<String, Object> body) {
    JsonPath job = awaitJob(WRITER, post(body));
    assertThat(job.getString("status")).isEqualTo("completed");
    return job;
  }

  /** GET the user's memories with {@code filters} (a query parameter: RestAssured encodes it). */
  static JsonPath filtered(String user, String json) {
    return given()
        .auth()
        .oauth2(WRITER)
        .queryParam("filters", json)
        .get("/api/v1/users/" + user + "/memories")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void messagesWithATimestampBecomeMemoriesThatHappenedThen() {
    String user = newUser();
    JsonPath job =
        completed(
            Map.of(
                "user_id",
                user,
                "messages",
                List.of(
                    Map.of("role", "system", "content", "You are a travel assistant."),
                    Map.of(
                        "role",
                        "user",
                        "content",
                        "I live in Lisbon.",
                        "name",
                        "ana",
                        "timestamp",
                        LAST_YEAR.toString()),
                    Map.of("role", "assistant", "content", "Noted, Lisbon it is.")),
                "timestamp",
                LAST_YEAR.toString()));
    assertThat(job.getList("result.decisions.event")).containsExactly("ADD");

    JsonPath page = list(WRITER, user, "");
    // The message's name says who lives there (issue 22: memories name their speaker).
    assertThat(page.getList("memories.content")).containsExactly("ana lives in Lisbon.");
    assertThat(page.getString("memories[0].provenance.speaker")).isEqualTo("ana");
    assertThat(OffsetDateTime.parse(page.getString("memories[0].occurred_at")))
        .isEqualTo(LAST_YEAR);
    assertThat(OffsetDateTime.parse(page.getString("memories[0].valid_from"))).isEqualTo(LAST_YEAR);
    assertThat(OffsetDateTime.parse(page.getString("memories[0].created_at")))
        .isAfter(LAST_YEAR.plusMonths(6));
  }

  @Test
  void anImportKeepsEachMessagesSpeakerAndTimeAndResolvesItsRelativeDates() {
    String user = newUser();
    OffsetDateTime may8 = OffsetDateTime.of(2023, 5, 8, 13, 56, 0, 0, ZoneOffset.UTC);
    OffsetDateTime may25 = OffsetDateTime.of(2023, 5, 25, 9, 0, 0, 0, ZoneOffset.UTC);
    String batchId =
        given()
            .auth()
            .oauth2(WRITER)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "user_id",
                    user,
                    "conversations",
                    List.of(
                        Map.of(
                            "session_id",
                            "s1",
                            "timestamp",
                            may8.toString(),
                            "messages",
                            List.of(
                                Map.of(
                                    "id",
                                    "d1",
                                    "role",
                                    "user",
                                    "name",
                                    "Caroline",
                                    "content",
                                    "I went to a support group yesterday."),
                                Map.of(
                                    "id",
                                    "d2",
                                    "role",
                                    "user",
                                    "name",
                                    "Melanie",
                                    "content",
                                    "I ran a charity race last Saturday.",
                                    "timestamp",
                                    may25.toString()))))))
            .post("/api/v1/memories/batch")
            .then()
            .statusCode(202)
            .extract()
            .path("batch_id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
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

    JsonPath page = list(WRITER, user, "?sort_by=occurred_at&sort_order=asc");
    assertThat(page.getList("memories.content"))
        .containsExactly(
            "Caroline went to a support group yesterday (2023-05-07).",
            "Melanie ran a charity race last Saturday (2023-05-20).");
    assertThat(page.getList("memories.provenance.speaker")).containsExactly("Caroline", "Melanie");
    assertThat(page.getList("memories.provenance.message_ids.flatten()"))
        .containsExactly("d1", "d2");
    // occurred_at: the day the words name; valid_from: when it was said.
    assertThat(OffsetDateTime.parse(page.getString("memories[0].occurred_at")))
        .isEqualTo(OffsetDateTime.of(2023, 5, 7, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(OffsetDateTime.parse(page.getString("memories[0].valid_from"))).isEqualTo(may8);
    assertThat(OffsetDateTime.parse(page.getString("memories[1].occurred_at")))
        .isEqualTo(OffsetDateTime.of(2023, 5, 20, 0, 0, 0, 0, ZoneOffset.UTC));
    assertThat(OffsetDateTime.parse(page.getString("memories[1].valid_from"))).isEqualTo(may25);
  }

  @Test
  void inferFalseStoresTheTextVerbatimAsOneMemory() {
    String user = newUser();
    String raw = "Hi! I live in Lisbon. I love surfing. (raw turn, keep as is)";
    JsonPath job = completed(Map.of("user_id", user, "content", raw, "infer", false));
    assertThat(job.getList("result.decisions.event")).containsExactly("ADD");
    assertThat(job.getString("result.usage.model")).isEqualTo("verbatim");

    // The same text again is stored again: no decision compares it with anything.
    completed(Map.of("user_id", user, "content", raw, "infer", false));
    JsonPath page = list(WRITER, user, "");
    assertThat(page.getList("memories.content")).containsExactly(raw, raw);
  }

  @Test
  void expiredMemoriesAreNotReturned() {
    String user = newUser();
    // Long enough for the job to complete on a loaded machine before it expires.
    // (Microseconds: what PostgreSQL keeps.)
    OffsetDateTime soon =
        OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(60).truncatedTo(ChronoUnit.MICROS);
    JsonPath job =
        completed(
            Map.of(
                "user_id",
                user,
                "content",
                "My door code is 4711.",
                "infer",
                false,
                "expires_at",
                soon.toString()));
    String id = job.getString("result.memories.added[0]");
    assertThat(OffsetDateTime.parse(list(WRITER, user, "").getString("memories[0].expires_at")))
        .isEqualTo(soon);

    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> list(WRITER, user, "").getLong("total") == 0);
    given().auth().oauth2(WRITER).get("/api/v1/memories/" + id).then().statusCode(404);
  }

  @Test
  void listingFiltersWithOperatorsInAndTrees() {
    String user = newUser();
    completed(
        Map.of(
            "user_id",
            user,
            "content",
            "Trip to Kyoto in spring",
            "infer",
            false,
            "timestamp",
            LAST_YEAR.toString(),
            "metadata",
            Map.of("trip", Map.of("city", "Kyoto", "days", 6), "source", "chat")));
    completed(
        Map.of(
            "user_id",
            user,
            "content",
            "Weekend in Porto",
            "infer",
            false,
            "metadata",
            Map.of("trip", Map.of("city", "Porto", "days", 2), "source", "email")));

    assertThat(
            filtered(user, ("{\"occurred_at\": {\"lt\": \"2026-01-01\"}}"))
                .getList("memories.content"))
        .containsExactly("Trip to Kyoto in spring");
    assertThat(
            filtered(
                    user,
                    ("{\"AND\": [{\"metadata.trip.days\": {\"gte\": 3}},"
                        + " {\"metadata.source\": {\"in\": [\"chat\", \"sms\"]}}]}"))
                .getList("memories.content"))
        .containsExactly("Trip to Kyoto in spring");
    assertThat(
            filtered(user, ("{\"NOT\": {\"content\": {\"icontains\": \"KYOTO\"}}}"))
                .getList("memories.content"))
        .containsExactly("Weekend in Porto");
    assertThat(
            filtered(
                    user,
                    ("{\"OR\": [{\"metadata.trip.city\": \"Porto\"},"
                        + " {\"importance\": {\"gt\": 0.9}}], \"type\": {\"in\": [\"fact\"]}}"))
                .getList("memories.content"))
        .containsExactly("Weekend in Porto");
    assertThat(
            list(WRITER, user, "?sort_by=occurred_at&sort_order=asc").getList("memories.content"))
        .containsExactly("Trip to Kyoto in spring", "Weekend in Porto");
  }

  @Test
  void cursorPagesAreStableWhileMemoriesAreAdded() {
    String user = newUser();
    for (int i = 0; i < 5; i++) {
      completed(Map.of("user_id", user, "content", "note " + i, "infer", false));
    }
    List<String> seen = new ArrayList<>();
    JsonPath page = list(WRITER, user, "?limit=2");
    seen.addAll(page.getList("memories.content"));
    String cursor = page.getString("next_cursor");
    // A write between pages would shift an offset page; the cursor does not move.
    completed(Map.of("user_id", user, "content", "note late", "infer", false));
    while (cursor != null) {
      page = list(WRITER, user, "?limit=2&cursor=" + cursor);
      seen.addAll(page.getList("memories.content"));
      cursor = page.getString("next_cursor");
    }
    assertThat(seen).containsExactly("note 4", "note 3", "note 2", "note 1", "note 0");
    assertThat(list(WRITER, user, "?limit=2&sort_by=importance").getString("next_cursor")).isNull();
  }

  static void refused(Map<String, Object> body, String field) {
    given()
        .auth()
        .oauth2(WRITER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/memories")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(org.hamcrest.Matchers.containsString(field));
  }

  @Test
  void malformedMessagesTimestampsAndFiltersAre400sNamingTheFieldAndStoreNothing() {
    String user = newUser();
    refused(
        Map.of("user_id", user, "messages", List.of(Map.of("role", "robot", "content", "hi"))),
        "messages[0].role");
    refused(Map.of("user_id", user, "messages", List.of(Map.of("role", "user"))), "content");
    refused(
        Map.of(
            "user_id",
            user,
            "messages",
            List.of(Map.of("role", "user", "content", "I swim.", "timestamp", "last tuesday"))),
        "messages[0].timestamp");
    refused(
        Map.of(
            "user_id",
            user,
            "messages",
            List.of(Map.of("role", "assistant", "content", "Hello, how can I help?"))),
        "role user");
    refused(Map.of("user_id", user, "content", "I swim.", "timestamp", "yesterday"), "timestamp");
    Map<String, Object> future = new HashMap<>();
    future.put("user_id", user);
    future.put("content", "I swim.");
    future.put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString());
    refused(future, "timestamp");
    refused(
        Map.of("user_id", user, "content", "I swim.", "expires_at", "2001-01-01T00:00:00Z"),
        "expires_at");
    refused(
        Map.of(
            "user_id",
            user,
            "content",
            "I swim.",
            "messages",
            List.of(Map.of("role", "user", "content", "I run."))),
        "messages");
    given()
        .auth()
        .oauth2(WRITER)
        .queryParam("filters", "{\"AND\": [{\"type\": \"plan\"}, {\"importance\": {\"gtee\": 1}}]}")
        .get("/api/v1/users/" + user + "/memories")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("filters.AND[1].importance.gtee"))
        .body("type", equalTo("https://membank.io/problems/invalid-filter"));
    given()
        .auth()
        .oauth2(WRITER)
        .get("/api/v1/users/" + user + "/memories?cursor=bm90LWEtY3Vyc29y")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("cursor"));

    assertThat(list(WRITER, user, "").getLong("total")).isZero();
  }
}
