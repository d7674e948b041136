package io.membank.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What memory-service puts on the bus: CloudEvents through the outbox, poison to the DLQ. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class MemoryEventsTest {

  @Test
  void createdMemoryIsPublishedAsACloudEventWithFullState() throws Exception {
    String token = TestTokens.token("acme", "app-1", "writer", "reader");
    String user = "ev-" + UUID.randomUUID().toString().substring(0, 8);
    String jobId =
        given()
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(Map.of("user_id", user, "content", "I live in Porto.", "session_id", "s-9"))
            .post("/api/v1/memories")
            .then()
            .statusCode(202)
            .extract()
            .path("job_id");

    JsonNode event =
        KafkaTestClient.awaitRecord(
            "memory.events", n -> user.equals(n.path("data").path("user_id").asText()));

    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
    assertThat(event.path("type").asText()).isEqualTo("membank.memory.created.v1");
    assertThat(event.path("tenantid").asText()).isEqualTo("acme");
    assertThat(event.path("data").path("content").asText()).isEqualTo("I live in Porto.");
    assertThat(event.path("data").path("version").asInt()).isEqualTo(1);
    assertThat(event.path("data").path("session_id").asText()).isEqualTo("s-9");
    assertThat(event.path("data").path("provenance").path("job_id").asText()).isEqualTo(jobId);

    JsonNode audit =
        KafkaTestClient.awaitRecord(
            "audit.events", n -> jobId.equals(n.path("data").path("resource").path("id").asText()));
    assertThat(audit.path("data").path("action").asText()).isEqualTo("create");
    assertThat(audit.path("data").path("actor").path("id").asText()).isEqualTo("app-1");
    assertThat(audit.path("data").path("outcome").asText()).isEqualTo("success");
  }

  @Test
  void aRefusedRequestIsAnUnauthorizedAttemptOnTheTenantsTrail() throws Exception {
    String subject = "peeker-" + UUID.randomUUID().toString().substring(0, 8);
    String token = TestTokens.token("acme", subject, "reader");
    String requestId =
        given()
            .auth()
            .oauth2(token)
            .header("User-Agent", "burst-test")
            .contentType("application/json")
            .body(Map.of("user_id", "someone", "content", "I should not be stored."))
            .post("/api/v1/memories")
            .then()
            .statusCode(403)
            .extract()
            .header("X-Request-Id");

    JsonNode audit =
        KafkaTestClient.awaitRecord(
            "audit.events", n -> subject.equals(n.path("data").path("actor").path("id").asText()));
    assertThat(audit.path("tenantid").asText()).isEqualTo("acme");
    assertThat(audit.path("data").path("outcome").asText()).isEqualTo("unauthorized");
    assertThat(audit.path("data").path("action").asText()).isEqualTo("access");
    assertThat(audit.path("data").path("actor").path("roles").toString()).isEqualTo("[\"reader\"]");
    assertThat(audit.path("data").path("resource").path("type").asText()).isEqualTo("api");
    assertThat(audit.path("data").path("resource").path("id").asText())
        .isEqualTo("POST /api/v1/memories");
    assertThat(audit.path("data").path("request_id").asText()).isEqualTo(requestId);
    assertThat(audit.path("data").path("user_agent").asText()).isEqualTo("burst-test");
  }

  @Test
  void poisonIngestRecordLandsOnTheDeadLetterTopic() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    KafkaTestClient.send("memory.ingest", "k", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "memory.ingest.dlq.memory-service", n -> marker.equals(n.path("not").asText()));

    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }
}
