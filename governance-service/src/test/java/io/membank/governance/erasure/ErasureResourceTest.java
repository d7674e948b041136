package io.membank.governance.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The erasure saga's coordinator: request on governance.requests, confirmations from every service,
 * completion audited, report as JSON and PDF; stragglers retried and marked incomplete past the
 * deadline; asking twice returns the same erasure.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class ErasureResourceTest {

  private static final List<String> SERVICES =
      List.of("memory-service", "search-service", "graph-service", "audit-service", "cost-service");

  @Test
  void an_erasure_completes_when_every_service_confirmed_and_is_audited() throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    String id = start(admin, "anna", 202);
    // Asking again while it runs: the same erasure.
    assertThat(start(admin, "anna", 200)).isEqualTo(id);

    JsonNode request =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_REQUESTS, n -> id.equals(n.path("data").path("erasure_id").asText()));
    assertThat(request.path("type").asText()).isEqualTo(EventTypes.GOVERNANCE_ERASURE_REQUESTED);
    assertThat(request.path("data").path("subject").asText()).isEqualTo("anna");
    assertThat(request.path("tenantid").asText()).isEqualTo(tenant);

    for (String service : SERVICES) {
      confirm(id, tenant, "anna", service, 2);
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(admin)
                    .get("/api/v1/governance/erasures/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("pending.size()", equalTo(0)));
    JsonNode audit =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            n ->
                id.equals(n.path("data").path("resource").path("id").asText())
                    && "completed".equals(n.path("data").path("details").path("status").asText()));
    assertThat(audit.path("data").path("resource").path("type").asText()).isEqualTo("erasure");
    assertThat(audit.path("data").path("outcome").asText()).isEqualTo("success");

    given()
        .auth()
        .oauth2(admin)
        .get("/api/v1/governance/erasures/" + id + "/report")
        .then()
        .statusCode(200)
        .body("verified", equalTo(true))
        .body("services.size()", equalTo(5))
        .body("services[0].stores[0].before", equalTo(2))
        .body("services[0].stores[0].after", equalTo(0));
    byte[] pdf =
        given()
            .auth()
            .oauth2(admin)
            .queryParam("format", "pdf")
            .get("/api/v1/governance/erasures/" + id + "/report")
            .then()
            .statusCode(200)
            .contentType("application/pdf")
            .extract()
            .asByteArray();
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");

    // Completed: a new request is a new erasure (services confirm zeros).
    assertThat(start(admin, "anna", 202)).isNotEqualTo(id);
  }

  @Test
  void a_straggler_is_retried_marked_incomplete_past_the_deadline_then_completes()
      throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    String id = start(admin, "bob", 202);
    for (String service : SERVICES.subList(0, 4)) {
      confirm(id, tenant, "bob", service, 1);
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(admin)
                    .get("/api/v1/governance/erasures/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("incomplete"))
                    .body("status_reason", containsString("cost-service"))
                    .body("attempt", greaterThan(1))
                    .body("pending", equalTo(List.of("cost-service"))));
    KafkaTestClient.awaitRecord(
        Topics.GOVERNANCE_REQUESTS,
        n ->
            id.equals(n.path("data").path("erasure_id").asText())
                && n.path("data").path("attempt").asInt() > 1);

    confirm(id, tenant, "bob", "cost-service", 3);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(admin)
                    .get("/api/v1/governance/erasures/" + id)
                    .then()
                    .body("status", equalTo("completed")));
  }

  @Test
  void a_writer_is_refused_another_tenant_sees_nothing_and_bad_ids_are_named() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "w-1", "writer"))
        .post("/api/v1/governance/subjects/anna/erasure")
        .then()
        .statusCode(403);
    String id = start(admin, "carl", 202);
    given()
        .auth()
        .oauth2(TestTokens.token(tenant + "-x", "admin-2", "admin"))
        .get("/api/v1/governance/erasures/" + id)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(admin)
        .queryParam("format", "docx")
        .get("/api/v1/governance/erasures/" + id + "/report")
        .then()
        .statusCode(400)
        .body("detail", containsString("format"));
  }

  @Test
  void a_poison_confirmation_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_RESULTS, "x", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.results.dlq.governance-service",
            n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }

  private static String start(String token, String user, int status) {
    return given()
        .auth()
        .oauth2(token)
        .post("/api/v1/governance/subjects/" + user + "/erasure")
        .then()
        .statusCode(status)
        .body("user_id", equalTo(user))
        .extract()
        .path("erasure_id");
  }

  private static void confirm(String id, String tenant, String subject, String service, long n)
      throws Exception {
    ErasureConfirmed confirmed =
        new ErasureConfirmed(
            id,
            tenant,
            subject,
            service,
            1,
            List.of(new ErasureConfirmed.StoreCount("store-of-" + service, n, 0, "count", 0)),
            OffsetDateTime.now());
    KafkaTestClient.send(
        Topics.GOVERNANCE_RESULTS,
        tenant,
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_ERASURE_CONFIRMED, "/test", id, tenant, confirmed)));
  }
}
