package io.membank.search.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import io.membank.search.index.MemoryStore;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An erasure request empties the index and the query cache of the subject (tombstones without
 * user), confirms counts on governance.results; another subject and another tenant keep theirs; a
 * stale event cannot bring an erased memory back; poison goes to the dead-letter topic.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class SubjectErasureTest {

  @Inject MemoryStore index;

  @Test
  void the_subject_is_erased_from_lucene_and_redis_and_nobody_else() throws Exception {
    String tenant = "er-" + UUID.randomUUID().toString().substring(0, 8);
    String other = tenant + "-b";
    String anna = "anna";
    String tea = UUID.randomUUID().toString();
    publish(memory(tenant, anna, tea, "I love green tea", 1));
    publish(memory(tenant, anna, UUID.randomUUID().toString(), "I surf", 1));
    publish(memory(tenant, "bob", UUID.randomUUID().toString(), "I ski", 1));
    publish(memory(other, anna, UUID.randomUUID().toString(), "I run", 1));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                index.countSubject(tenant, anna) == 2
                    && index.countSubject(tenant, "bob") == 1
                    && index.countSubject(other, anna) == 1);
    String reader = TestTokens.token(tenant, "app-1", "reader");
    // A cached answer of the subject.
    search(reader, Map.of("user_id", anna, "query", "tea"));
    search(reader, Map.of("user_id", anna, "query", "tea"));

    String erasure = UUID.randomUUID().toString();
    send(new ErasureRequested(erasure, tenant, anna, "request", 1, OffsetDateTime.now()));
    JsonNode confirmed =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_RESULTS,
            n ->
                erasure.equals(n.path("data").path("erasure_id").asText())
                    && "search-service".equals(n.path("data").path("service").asText()));

    JsonNode lucene = confirmed.path("data").path("stores").get(0);
    JsonNode redis = confirmed.path("data").path("stores").get(1);
    assertThat(lucene.path("before").asLong()).isEqualTo(2);
    assertThat(lucene.path("after").asLong()).isZero();
    assertThat(lucene.path("remaining").asLong()).isZero();
    assertThat(redis.path("before").asLong()).isPositive();
    assertThat(redis.path("after").asLong()).isZero();
    assertThat(redis.path("remaining").asLong()).isZero();
    assertThat(index.countSubject(tenant, "bob")).isEqualTo(1);
    assertThat(index.countSubject(other, anna)).isEqualTo(1);
    assertThat(search(reader, Map.of("user_id", anna, "query", "tea"))).isEmpty();

    // A stale (older) event of an erased memory stays stale: the tombstone keeps its version.
    publish(memory(tenant, anna, tea, "I love green tea", 1));
    publish(memory(tenant, "bob", UUID.randomUUID().toString(), "marker", 1));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> index.countSubject(tenant, "bob") == 2);
    assertThat(index.countSubject(tenant, anna)).isZero();
  }

  @Test
  void a_poison_request_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_REQUESTS, "x", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.requests.dlq.search-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }

  private static MemoryEvent memory(
      String tenant, String user, String id, String content, long version) {
    OffsetDateTime t = OffsetDateTime.now();
    return new MemoryEvent(
        id,
        tenant,
        user,
        null,
        "s-1",
        MemoryEvent.Operation.CREATED,
        version,
        content,
        "preference",
        0.5,
        List.of(),
        Map.of(),
        t,
        null,
        t,
        t,
        null);
  }

  private static void publish(MemoryEvent e) throws Exception {
    KafkaTestClient.send(
        "memory.events",
        e.memoryId(),
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(EventTypes.MEMORY_CREATED, "/test", e.memoryId(), e.tenantId(), e)));
  }

  private static List<Object> search(String token, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/memories/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("memories");
  }

  private static void send(ErasureRequested request) throws Exception {
    KafkaTestClient.send(
        Topics.GOVERNANCE_REQUESTS,
        request.tenantId(),
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_ERASURE_REQUESTED,
                    "/test",
                    request.erasureId(),
                    request.tenantId(),
                    request)));
  }
}
