package io.membank.search;

import static io.membank.search.SearchTest.READER;
import static io.membank.search.SearchTest.T0;
import static io.membank.search.SearchTest.TENANT;
import static io.membank.search.SearchTest.publish;
import static io.membank.search.SearchTest.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.membank.contracts.MemoryEvent;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Metadata equality, AND / OR / NOT groups, as_of, and the 400s for filters that cannot be. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class FilterSearchTest {

  static MemoryEvent memory(
      String user,
      String id,
      long version,
      MemoryEvent.Operation op,
      String content,
      String type,
      double importance,
      Map<String, Object> metadata,
      OffsetDateTime validFrom,
      OffsetDateTime validTo) {
    return new MemoryEvent(
        id,
        TENANT,
        user,
        null,
        null,
        op,
        version,
        content,
        type,
        importance,
        List.of(),
        metadata,
        validFrom,
        validTo,
        validFrom,
        validTo == null ? validFrom : validTo,
        null);
  }

  static List<String> found(String user, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("user_id", user);
    body.putIfAbsent("query", "coffee");
    body.put("mode", "keyword");
    return SearchTest.search(READER, body).getList("memories.content");
  }

  static void status400(Map<String, Object> body, String detail) {
    given()
        .auth()
        .oauth2(READER)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/memories/search")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(containsString(detail));
  }

  @Test
  void metadataAndBooleanGroupsSelect() throws Exception {
    String user = user();
    publish(
        memory(
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            "coffee at home",
            "preference",
            0.3,
            Map.of("source", "chat", "room", "kitchen"),
            T0,
            null));
    publish(
        memory(
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            "coffee at work",
            "fact",
            0.95,
            Map.of("source", "email", "priority", 2),
            T0,
            null));
    publish(
        memory(
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            "coffee with friends",
            "fact",
            0.2,
            Map.of("source", "chat", "tags", List.of("social")),
            T0,
            null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> found(user, Map.of()).size() == 3);

    assertThat(found(user, Map.of("filters", Map.of("metadata", Map.of("source", "email")))))
        .containsExactly("coffee at work");
    assertThat(found(user, Map.of("filters", Map.of("metadata", Map.of("priority", 2)))))
        .containsExactly("coffee at work");
    assertThat(found(user, Map.of("filters", Map.of("metadata", Map.of("tags", "social")))))
        .containsExactly("coffee with friends");
    assertThat(
            found(
                user,
                Map.of("filters", Map.of("metadata", Map.of("room", List.of("x", "kitchen"))))))
        .containsExactly("coffee at home");
    // OR: a preference, or anything important.
    assertThat(
            found(
                user,
                Map.of(
                    "filters",
                    Map.of(
                        "OR",
                        List.of(
                            Map.of("type", List.of("preference")),
                            Map.of("importance", Map.of("min", 0.9)))))))
        .containsExactlyInAnyOrder("coffee at home", "coffee at work");
    // AND with NOT: from chat, and not a preference.
    assertThat(
            found(
                user,
                Map.of(
                    "filters",
                    Map.of(
                        "AND", List.of(Map.of("metadata", Map.of("source", "chat"))),
                        "NOT", Map.of("type", List.of("preference"))))))
        .containsExactly("coffee with friends");
    // NOT alone.
    assertThat(
            found(
                user,
                Map.of("filters", Map.of("NOT", Map.of("metadata", Map.of("source", "chat"))))))
        .containsExactly("coffee at work");
  }

  @Test
  void operatorsTopKThresholdAndMatchScores() throws Exception {
    String user = user();
    for (int i = 0; i < 3; i++) {
      publish(
          memory(
              user,
              UUID.randomUUID().toString(),
              1,
              MemoryEvent.Operation.CREATED,
              "tea number " + i,
              i == 0 ? "plan" : "fact",
              0.3 * (i + 1),
              Map.of("trip", Map.of("days", i)),
              T0.plusDays(i),
              null));
    }
    Map<String, Object> tea = Map.of("query", "tea");
    // The first search of a run may wait for the consumer's partitions on a loaded machine.
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> found(user, tea).size() == 3);

    // A mem0-style filter: comparison operators, in, metadata paths, in AND / NOT.
    Map<String, Object> filters =
        Map.of(
            "AND",
            List.of(
                Map.of("created_at", Map.of("gte", T0.plusDays(1).toString())),
                Map.of("categories", Map.of("in", List.of("fact", "event"))),
                Map.of("metadata.trip.days", Map.of("lt", 2))),
            "NOT",
            Map.of("content", Map.of("icontains", "NUMBER 2")));
    assertThat(found(user, Map.of("query", "tea", "filters", filters)))
        .containsExactly("tea number 1");

    Map<String, Object> topTwo = new HashMap<>(tea);
    topTwo.put("top_k", 2);
    assertThat(found(user, topTwo)).hasSize(2);

    var json =
        SearchTest.search(READER, Map.of("user_id", user, "query", "tea", "mode", "keyword"));
    assertThat(json.getDouble("memories[0].match.keyword")).isPositive();
    assertThat(json.getString("memories[0].occurred_at")).isNotBlank();
    double best = json.getDouble("memories[0].score");
    Map<String, Object> strict = new HashMap<>(tea);
    strict.put("threshold", best + 1);
    assertThat(found(user, strict)).isEmpty();

    // The hits by time instead of by score (the same three, stored a day apart).
    assertThat(found(user, Map.of("query", "tea", "sort_by", "created_at", "sort_order", "asc")))
        .containsExactly("tea number 0", "tea number 1", "tea number 2");
    assertThat(found(user, Map.of("query", "tea", "sort_by", "occurred_at")))
        .containsExactly("tea number 2", "tea number 1", "tea number 0");
    status400(Map.of("user_id", user, "query", "tea", "sort_by", "newest"), "sort_by");
    status400(Map.of("user_id", user, "query", "tea", "sort_order", "up"), "sort_order");

    status400(Map.of("user_id", user, "query", "tea", "limit", 2, "top_k", 3), "conflicting-limit");
    status400(
        Map.of(
            "user_id",
            user,
            "query",
            "tea",
            "filters",
            Map.of(
                "AND", List.of(Map.of("type", "plan"), Map.of("importance", Map.of("gtee", 1))))),
        "filters.AND[1].importance.gtee");
  }

  @Test
  void asOfAnswersWithWhatWasValidThen() throws Exception {
    String user = user();
    String lisbon = UUID.randomUUID().toString();
    OffsetDateTime moved = T0.plusDays(10);
    publish(
        memory(
            user,
            lisbon,
            1,
            MemoryEvent.Operation.CREATED,
            "I live in Lisbon",
            "fact",
            0.5,
            Map.of(),
            T0,
            null));
    publish(
        memory(
            user,
            lisbon,
            2,
            MemoryEvent.Operation.INVALIDATED,
            "I live in Lisbon",
            "fact",
            0.5,
            Map.of(),
            T0,
            moved));
    publish(
        memory(
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            "I live in Porto",
            "fact",
            0.5,
            Map.of(),
            moved,
            null));
    Map<String, Object> live = Map.of("query", "live");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(found(user, live)).containsExactly("I live in Porto"));

    Map<String, Object> before = new HashMap<>(live);
    before.put("as_of", T0.plusDays(1).toString());
    assertThat(found(user, before)).containsExactly("I live in Lisbon");
    Map<String, Object> after = new HashMap<>(live);
    after.put("as_of", moved.plusDays(1).toString());
    assertThat(found(user, after)).containsExactly("I live in Porto");
    Map<String, Object> beforeAll = new HashMap<>(live);
    beforeAll.put("as_of", T0.minusDays(1).toString());
    assertThat(found(user, beforeAll)).isEmpty();
  }

  @Test
  void filtersThatCannotBeAreProblems() {
    status400(Map.of("user_id", "u-1", "query", "x", "filters", Map.of("colour", "red")), "colour");
    status400(
        Map.of("user_id", "u-1", "query", "x", "filters", Map.of("importance", Map.of("gtee", 1))),
        "filters.importance.gtee");
    status400(
        Map.of(
            "user_id",
            "u-1",
            "query",
            "x",
            "filters",
            Map.of("metadata", Map.of("nested", Map.of("a", 1)))),
        "filters.metadata.nested.a: unknown operator");
    status400(
        Map.of(
            "user_id",
            "u-1",
            "query",
            "x",
            "filters",
            Map.of("date_range", Map.of("start", "yesterday"))),
        "start");
    status400(
        Map.of(
            "user_id",
            "u-1",
            "query",
            "x",
            "filters",
            Map.of("importance", Map.of("min", 0.9, "max", 0.1))),
        "importance.min");
    Map<String, Object> deep = Map.of("type", List.of("fact"));
    for (int i = 0; i < 6; i++) {
      deep = Map.of("NOT", deep);
    }
    status400(Map.of("user_id", "u-1", "query", "x", "filters", deep), "nest at most");
    status400(Map.of("user_id", "u-1", "query", "  "), "query");
    status400(Map.of("user_id", "u-1", "query", "x", "limit", 101), "limit");
  }
}
