package io.membank.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The read model follows memory.events on real Kafka, and search answers from it. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class SearchTest {

  static final String TENANT = "acme";
  static final String READER = TestTokens.token(TENANT, "app-1", "reader");
  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);

  static MemoryEvent event(
      String tenant,
      String user,
      String id,
      long version,
      MemoryEvent.Operation op,
      String content,
      String type,
      double importance,
      OffsetDateTime created) {
    return new MemoryEvent(
        id,
        tenant,
        user,
        null,
        "s-1",
        op,
        version,
        content,
        type,
        importance,
        List.of(),
        Map.of("source", "test"),
        created,
        op == MemoryEvent.Operation.INVALIDATED ? created.plusDays(1) : null,
        created,
        created,
        null);
  }

  static void publish(MemoryEvent e) throws Exception {
    String type =
        switch (e.operation()) {
          case CREATED -> EventTypes.MEMORY_CREATED;
          case UPDATED -> EventTypes.MEMORY_UPDATED;
          case INVALIDATED -> EventTypes.MEMORY_INVALIDATED;
          case DELETED -> EventTypes.MEMORY_DELETED;
        };
    KafkaTestClient.send(
        "memory.events",
        e.memoryId(),
        EventJson.newMapper()
            .writeValueAsString(CloudEvent.of(type, "/test", e.memoryId(), e.tenantId(), e)));
  }

  static JsonPath search(String token, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/memories/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static List<String> idsFor(String user, String query) {
    return search(READER, Map.of("user_id", user, "query", query)).getList("memories.id");
  }

  static String user() {
    return "u-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aCreatedMemoryBecomesSearchableAndRanksByRelevance() throws Exception {
    String user = user();
    String tea = UUID.randomUUID().toString();
    String surf = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            tea,
            1,
            MemoryEvent.Operation.CREATED,
            "I love green tea in the morning",
            "preference",
            0.6,
            T0));
    publish(
        event(
            TENANT,
            user,
            surf,
            1,
            MemoryEvent.Operation.CREATED,
            "I go surfing every weekend",
            "preference",
            0.6,
            T0));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> idsFor(user, "surfing weekend").contains(surf));

    JsonPath result =
        search(READER, Map.of("user_id", user, "query", "what tea do I drink", "limit", 5));
    assertThat(result.getList("memories.id")).first().isEqualTo(tea);
    assertThat(result.getString("memories[0].content"))
        .isEqualTo("I love green tea in the morning");
    assertThat(result.getMap("memories[0].metadata")).containsEntry("source", "test");
    assertThat(result.getFloat("memories[0].score")).isPositive();
    assertThat(result.getString("usage.retrieval")).isEqualTo("hybrid");
    assertThat(result.getString("usage.embedding_model")).isEqualTo("bge-small-en-v1.5-q");
  }

  @Test
  void everySearchLeavesOneAccessRecordWithTheCountAndTheQueryHashNeverItsText() throws Exception {
    String user = user();
    String reader = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            id,
            1,
            MemoryEvent.Operation.CREATED,
            "I keep bees in the garden",
            "fact",
            0.5,
            T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> idsFor(user, "bees garden").contains(id));
    String query = "where are my bees, my email is anna.k@example.org";

    search(
        TestTokens.token(TENANT, reader, "reader"),
        Map.of("user_id", user, "query", query, "limit", 5));

    JsonNode access =
        KafkaTestClient.awaitRecord(
            "audit.events", n -> reader.equals(n.path("data").path("actor").path("id").asText()));
    JsonNode data = access.path("data");
    assertThat(access.path("source").asText()).isEqualTo("/membank/search-service");
    assertThat(access.path("tenantid").asText()).isEqualTo(TENANT);
    assertThat(data.path("action").asText()).isEqualTo("access");
    assertThat(data.path("outcome").asText()).isEqualTo("success");
    assertThat(data.path("resource").path("type").asText()).isEqualTo("memory_search");
    assertThat(data.path("resource").path("owner_id").asText()).isEqualTo(user);
    assertThat(data.path("details").path("returned").asInt()).isEqualTo(1);
    assertThat(data.path("details").path("query_sha256").asText())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(query.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    assertThat(access.toString()).doesNotContain("bees", "anna.k@example.org");
  }

  @Test
  void chineseQueriesFindChineseMemories() throws Exception {
    String user = user();
    String id = UUID.randomUUID().toString();
    publish(
        event(TENANT, user, id, 1, MemoryEvent.Operation.CREATED, "我喜欢喝绿茶", "preference", 0.6, T0));
    publish(
        event(
            TENANT,
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            "我住在上海",
            "personal_info",
            0.8,
            T0));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> idsFor(user, "绿茶").equals(List.of(id)));
    assertThat(idsFor(user, "喝什么茶")).first().isEqualTo(id);
  }

  @Test
  void staleAndRepeatedEventsChangeNothingAndDeletesRemove() throws Exception {
    String user = user();
    String id = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            id,
            2,
            MemoryEvent.Operation.UPDATED,
            "I work at Globex",
            "personal_info",
            0.8,
            T0));
    publish(
        event(
            TENANT,
            user,
            id,
            1,
            MemoryEvent.Operation.CREATED,
            "I work at Initech",
            "personal_info",
            0.8,
            T0));
    publish(
        event(
            TENANT,
            user,
            id,
            2,
            MemoryEvent.Operation.UPDATED,
            "I work at Globex",
            "personal_info",
            0.8,
            T0));
    String marker = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            marker,
            1,
            MemoryEvent.Operation.CREATED,
            "marker zebra",
            "fact",
            0.5,
            T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> idsFor(user, "zebra").contains(marker));

    assertThat(idsFor(user, "Initech")).isEmpty();
    assertThat(search(READER, Map.of("user_id", user, "query", "work")).getList("memories.content"))
        .containsExactly("I work at Globex");

    publish(event(TENANT, user, id, 3, MemoryEvent.Operation.DELETED, null, null, 0.8, T0));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> idsFor(user, "Globex").isEmpty());
    publish(
        event(
            TENANT,
            user,
            id,
            2,
            MemoryEvent.Operation.UPDATED,
            "I work at Globex",
            "personal_info",
            0.8,
            T0));
    publish(
        event(
            TENANT,
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            "marker yak",
            "fact",
            0.5,
            T0));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !idsFor(user, "yak").isEmpty());
    assertThat(idsFor(user, "Globex"))
        .as("a stale update does not resurrect a deleted memory")
        .isEmpty();
  }

  @Test
  void filtersAndInvalidatedMemories() throws Exception {
    String user = user();
    String old = UUID.randomUUID().toString();
    String important = UUID.randomUUID().toString();
    String closed = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            old,
            1,
            MemoryEvent.Operation.CREATED,
            "coffee facts from last year",
            "fact",
            0.3,
            T0.minusYears(1)));
    publish(
        event(
            TENANT,
            user,
            important,
            1,
            MemoryEvent.Operation.CREATED,
            "coffee allergy is serious",
            "health",
            0.9,
            T0));
    publish(
        event(
            TENANT,
            user,
            closed,
            2,
            MemoryEvent.Operation.INVALIDATED,
            "I like coffee",
            "preference",
            0.6,
            T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                search(
                            READER,
                            Map.of("user_id", user, "query", "coffee", "include_invalidated", true))
                        .getList("memories.id")
                        .size()
                    == 3);

    assertThat(idsFor(user, "coffee")).containsExactlyInAnyOrder(old, important);
    assertThat(
            search(
                    READER,
                    Map.of(
                        "user_id",
                        user,
                        "query",
                        "coffee",
                        "filters",
                        Map.of("importance", Map.of("min", 0.8))))
                .getList("memories.id"))
        .containsExactly(important);
    assertThat(
            search(
                    READER,
                    Map.of(
                        "user_id",
                        user,
                        "query",
                        "coffee",
                        "filters",
                        Map.of("type", List.of("fact"))))
                .getList("memories.id"))
        .containsExactly(old);
    assertThat(
            search(
                    READER,
                    Map.of(
                        "user_id",
                        user,
                        "query",
                        "coffee",
                        "filters",
                        Map.of(
                            "date_range",
                            Map.of(
                                "start",
                                T0.minusDays(1).toString(),
                                "end",
                                T0.plusDays(1).toString()))))
                .getList("memories.id"))
        .containsExactly(important);
  }

  @Test
  void tenantsNeverSeeEachOther() throws Exception {
    String user = user();
    String id = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            id,
            1,
            MemoryEvent.Operation.CREATED,
            "secret plans about tulips",
            "plan",
            0.7,
            T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> idsFor(user, "tulips").contains(id));

    String other = TestTokens.token("globex", "app-2", "reader");
    assertThat(search(other, Map.of("user_id", user, "query", "tulips")).getList("memories"))
        .isEmpty();
  }

  @Test
  void badRequestsAreProblems() {
    given()
        .auth()
        .oauth2(READER)
        .contentType("application/json")
        .body(Map.of("query", "x"))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(READER)
        .contentType("application/json")
        .body(Map.of("user_id", "u", "query", "x", "limit", 1000))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(400);
    given()
        .contentType("application/json")
        .body(Map.of("user_id", "u", "query", "x"))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(READER)
        .contentType("application/json")
        .body(
            Map.of(
                "user_id",
                "u",
                "query",
                "x",
                "filters",
                Map.of(
                    "date_range",
                    Map.of("start", "2026-02-01T00:00:00Z", "end", "2026-01-01T00:00:00Z"))))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://membank.io/problems/invalid-date-range"));
  }

  @Test
  void poisonEventsGoToTheDeadLetterTopic() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    KafkaTestClient.send(
        "memory.events",
        "k",
        "{\"type\":\"membank.memory.created.v1\",\"data\":{\"marker\":\"" + marker + "\"}}");

    KafkaTestClient.awaitRecord(
        "memory.events.dlq.search-service",
        n -> marker.equals(n.path("data").path("marker").asText()));
  }
}
