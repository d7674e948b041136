package io.membank.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's writing and reading as a mem0 user would try them, through the gateway: a messages
 * array with an event time, search with top_k and filters using gte and in, listing with the same
 * filters and a cursor, infer false stored verbatim, and malformed input refused naming the field
 * with nothing stored.
 */
class Mem0StyleApiIT {

  private static final String LAST_YEAR = "2025-06-01T09:00:00Z";

  private final String user = "mem0-" + UUID.randomUUID().toString().substring(0, 8);
  private final Memories memories =
      new Memories(DevTokens.token("e2e-mem0", "e2e-app", "reader,writer"));

  private String post(Map<String, Object> body) {
    return memories
        .request()
        .contentType("application/json")
        .body(body)
        .post("/api/v1/memories")
        .then()
        .statusCode(202)
        .extract()
        .path("job_id");
  }

  private JsonPath search(Map<String, Object> body) {
    return memories
        .request()
        .contentType("application/json")
        .body(body)
        .post("/api/v1/memories/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private JsonPath list(String query) {
    return memories
        .request()
        .get("/api/v1/users/" + user + "/memories" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The listing with {@code filters} as a query parameter (RestAssured encodes it). */
  private JsonPath filtered(String json) {
    return memories
        .request()
        .queryParam("filters", json)
        .get("/api/v1/users/" + user + "/memories")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aMessagesArrayWithATimestampIsFoundWithMem0StyleFilters() {
    String job =
        post(
            Map.of(
                "user_id",
                user,
                "messages",
                List.of(
                    Map.of("role", "user", "content", "I live in Lisbon.", "name", "ana"),
                    Map.of("role", "assistant", "content", "Lisbon is lovely.")),
                "timestamp",
                LAST_YEAR,
                "metadata",
                Map.of("source", "chat")));
    String id =
        memories.completed(job, Duration.ofMillis(100)).getString("result.memories.added[0]");
    assertThat(id).isNotNull();

    Map<String, Object> filters =
        Map.of(
            "AND",
            List.of(
                Map.of("occurred_at", Map.of("gte", "2025-01-01T00:00:00Z")),
                Map.of("metadata.source", Map.of("in", List.of("chat", "sms")))));
    Awaitility.await("the memory is searchable")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                search(
                        Map.of(
                            "user_id",
                            user,
                            "query",
                            "where do I live",
                            "top_k",
                            3,
                            "filters",
                            filters))
                    .getList("memories.id")
                    .contains(id));
    JsonPath hit =
        search(Map.of("user_id", user, "query", "Lisbon", "top_k", 3, "filters", filters));
    assertThat(hit.getString("memories[0].occurred_at")).startsWith("2025-06-01T09:00");
    assertThat(hit.getMap("memories[0].match")).containsKey("keyword");

    JsonPath page =
        filtered(
            "{\"created_at\": {\"gte\": \"2026-01-01\"}, \"metadata.source\": {\"in\":"
                + " [\"chat\"]}}");
    assertThat(page.getList("memories.id")).containsExactly(id);
    assertThat(page.getString("memories[0].valid_from")).startsWith("2025-06-01T09:00");
    // Nothing matches last year's creation dates: it was stored today, it happened then.
    assertThat(filtered("{\"created_at\": {\"lt\": \"2026-01-01\"}}").getList("memories"))
        .isEmpty();
  }

  @Test
  void inferFalseStoresVerbatim() {
    String raw = "user: hi, I like green tea!! (raw transcript line)";
    String job = post(Map.of("user_id", user, "content", raw, "infer", false));
    JsonPath done = memories.completed(job, Duration.ofMillis(100));
    assertThat(done.getList("result.decisions.event")).containsExactly("ADD");
    assertThat(list("").getList("memories.content")).containsExactly(raw);
  }

  @Test
  void malformedMessagesTimestampsAndOperatorsAre400sNamingTheFieldAndStoreNothing() {
    for (var bad :
        List.of(
            Map.entry(
                Map.<String, Object>of(
                    "user_id", user, "messages", List.of(Map.of("role", "robot", "content", "x"))),
                "messages[0].role"),
            Map.entry(
                Map.<String, Object>of(
                    "user_id",
                    user,
                    "messages",
                    List.of(Map.of("role", "user", "content", "x", "timestamp", "noon"))),
                "messages[0].timestamp"),
            Map.entry(
                Map.<String, Object>of("user_id", user, "content", "x", "timestamp", "2025-13-01"),
                "timestamp"))) {
      memories
          .request()
          .contentType("application/json")
          .body(bad.getKey())
          .post("/api/v1/memories")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body(containsString(bad.getValue()));
    }
    memories
        .request()
        .contentType("application/json")
        .body(
            Map.of(
                "user_id",
                user,
                "query",
                "x",
                "filters",
                Map.of("AND", List.of(Map.of("importance", Map.of("gtee", 0.5))))))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("filters.AND[0].importance.gtee"));
    assertThat(list("").getLong("total")).isZero();
  }
}
