package io.membank.graph;

import static io.membank.graph.GraphFixtures.READER;
import static io.membank.graph.GraphFixtures.T0;
import static io.membank.graph.GraphFixtures.TENANT;
import static io.membank.graph.GraphFixtures.count;
import static io.membank.graph.GraphFixtures.created;
import static io.membank.graph.GraphFixtures.event;
import static io.membank.graph.GraphFixtures.id;
import static io.membank.graph.GraphFixtures.publish;
import static io.membank.graph.GraphFixtures.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.MemoryEvent.Operation;
import io.membank.contracts.Topics;
import io.membank.graph.events.MemoryEventsConsumer;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.Neo4jResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;

/** The graph follows memory.events on real Kafka: creates, updates, deletes, stale and poison. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Neo4jResource.class)
class MemoryEventsConsumerTest {

  @Inject Driver driver;

  static List<String> entityKeys(String user) {
    return given()
        .auth()
        .oauth2(READER)
        .get("/api/v1/users/" + user + "/entities")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("entities.key");
  }

  /** Publishes a marker memory and waits for it: everything published before it was consumed. */
  static void drain(String user) throws Exception {
    String marker = id();
    publish(created(user, marker, "Marker memory about hiking " + marker));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> entityKeys(user).contains("hiking"));
    publish(event(user, marker, 2, Operation.DELETED, null, 0.5, T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !entityKeys(user).contains("hiking"));
  }

  Map<String, Object> scope(String user) {
    return Map.of("tenant", TENANT, "user", user);
  }

  @Test
  void createsUpdatesAndDeletesFollowTheTopicAndLeaveNoOrphans() throws Exception {
    String user = user();
    String likes = id();
    String job = id();
    publish(created(user, likes, "I love coffee"));
    publish(created(user, job, "I work at Starbucks"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> entityKeys(user).containsAll(List.of("coffee", "starbucks")));

    // An update re-derives the memory's edges: it now prefers tea, not coffee.
    publish(event(user, likes, 2, Operation.UPDATED, "I love tea", 0.5, T0));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> entityKeys(user).contains("tea"));
    assertThat(
            count(
                driver,
                "MATCH (:User {ns: $ns, tenant: $tenant, id: $user})-[:PREFERS]->(e:Entity)"
                    + " RETURN count(CASE WHEN e.key = 'coffee' THEN 1 END)",
                scope(user)))
        .isZero();

    // Stale (older) and repeated versions change nothing.
    publish(event(user, likes, 1, Operation.CREATED, "I love beer", 0.5, T0));
    publish(event(user, likes, 2, Operation.UPDATED, "I love wine", 0.5, T0));
    drain(user);
    assertThat(entityKeys(user)).doesNotContain("beer", "wine").contains("tea");

    // Deleting the Starbucks memory removes it and the entities only it mentioned.
    publish(event(user, job, 2, Operation.DELETED, null, 0.5, T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !entityKeys(user).contains("starbucks"));
    assertThat(entityKeys(user)).containsExactly("tea");
    assertThat(
            count(
                driver,
                "MATCH (e:Entity {ns: $ns, tenant: $tenant, user_id: $user})"
                    + " WHERE NOT (e)<-[:MENTIONS]-(:Memory) RETURN count(e)",
                scope(user)))
        .as("entities nobody mentions")
        .isZero();
    assertThat(
            count(
                driver,
                "MATCH (m:Memory {ns: $ns, tenant: $tenant, id: $id}) RETURN count(m)",
                Map.of("tenant", TENANT, "id", job)))
        .isZero();
    assertThat(
            count(
                driver,
                "MATCH ()-[r]->() WHERE r.memory_id = $id RETURN count(r)",
                Map.of("id", job)))
        .as("relationships of the deleted memory")
        .isZero();

    // A late update of the deleted memory does not bring it back.
    publish(event(user, job, 1, Operation.UPDATED, "I work at Starbucks", 0.5, T0));
    drain(user);
    assertThat(entityKeys(user)).containsExactly("tea");

    // Deleting the last memory leaves nothing of the user but tombstones.
    publish(event(user, likes, 3, Operation.DELETED, null, 0.5, T0));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> entityKeys(user).isEmpty());
    assertThat(
            count(
                driver,
                "MATCH (n {ns: $ns, tenant: $tenant}) WHERE n.user_id = $user"
                    + " OR (n:User AND n.id = $user) RETURN count(n)",
                scope(user)))
        .isZero();
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicAndTheRestIsApplied() throws Exception {
    String user = user();
    String poison =
        "{\"type\":\"membank.memory.created.v1\",\"id\":\""
            + id()
            + "\",\"data\":{\"content\":\"x\"}}";
    KafkaTestClient.send("memory.events", "poison", "this is not JSON {");
    KafkaTestClient.send("memory.events", "poison", poison);
    MemoryEvent badId = created("../" + user, id(), "I love tea");
    publish(badId);
    String memory = id();
    publish(created(user, memory, "I live in Kyoto"));

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            Topics.deadLetter(Topics.MEMORY_EVENTS, "graph-service"),
            n -> n.path("data").path("content").asText().equals("x"));
    assertThat(dead.path("type").asText()).isEqualTo("membank.memory.created.v1");
    KafkaTestClient.awaitRecord(
        Topics.deadLetter(Topics.MEMORY_EVENTS, "graph-service"),
        n -> n.path("data").path("memory_id").asText().equals(badId.memoryId()));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> entityKeys(user).contains("kyoto"));
  }

  /**
   * What {@code MemoryEventsConsumer} splits a batch on is what Neo4j answers when a transaction
   * runs past the timeout the driver started it with (SlowOrAbsentGraphTest fakes it).
   */
  @Test
  void neo4jNamesATransactionThatRanOutOfTime() {
    TransactionConfig halfASecond =
        TransactionConfig.builder().withTimeout(Duration.ofMillis(500)).build();
    try (var session = driver.session(SessionConfig.forDatabase("neo4j"))) {
      assertThatThrownBy(
              () ->
                  session.executeRead(
                      tx ->
                          tx.run("UNWIND range(1, 1000000000) AS x RETURN count(x)")
                              .single()
                              .get(0)
                              .asLong(),
                      halfASecond))
          .isInstanceOfSatisfying(
              ClientException.class,
              e -> assertThat(MemoryEventsConsumer.timedOut(e)).as(e.code()).isTrue());
    }
  }
}
