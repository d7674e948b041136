package io.membank.audit.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Db;
import io.membank.audit.support.Events;
import io.membank.audit.support.Receivers;
import io.membank.audit.support.WebhookReceiver;
import io.membank.audit.support.WebhookReceiver.Received;
import io.membank.contracts.EventTypes;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end inside audit-service: events from real Kafka, deliveries to a real local
 * receiver that checks every signature itself, retries through an outage without loss or
 * duplicates, disabling after repeated failure, and the admin API.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
class WebhooksTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  String tenant;
  String admin;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() {
    tenant = Events.tenant();
    admin = TestTokens.token(tenant, "admin-1", "admin");
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  JsonPath subscribe(String url, String... events) {
    return given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("url", url, "events", List.of(events), "description", "test receiver"))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** A {@code memory.events} record of the tenant (created/updated/invalidated/deleted). */
  String memoryEvent(String operation, String memoryId) {
    String type =
        switch (operation) {
          case "created" -> EventTypes.MEMORY_CREATED;
          case "updated" -> EventTypes.MEMORY_UPDATED;
          case "invalidated" -> EventTypes.MEMORY_INVALIDATED;
          default -> EventTypes.MEMORY_DELETED;
        };
    var data = JSON.createObjectNode();
    data.put("memory_id", memoryId);
    data.put("tenant_id", tenant);
    data.put("user_id", "u-1");
    data.put("operation", operation);
    data.put("version", 1);
    data.put("content", "likes green tea");
    data.put("type", "preference");
    var e = JSON.createObjectNode();
    e.put("specversion", "1.0");
    e.put("id", UUID.randomUUID().toString());
    e.put("source", "/membank/memory-service");
    e.put("type", type);
    e.put("subject", memoryId);
    e.put("time", Instant.now().toString());
    e.put("tenantid", tenant);
    e.set("data", data);
    return e.toString();
  }

  JsonNode body(Received r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aMemoryAddedEventReachesTheReceiverSignedAndLogged() {
    JsonPath created = subscribe(receiver.url(), "memory.added");
    String secret = created.getString("secret");
    String id = created.getString("id");
    assertThat(secret).startsWith("whsec_");

    KafkaTestClient.send("memory.events", "m-1", memoryEvent("updated", "m-1"));
    KafkaTestClient.send("memory.events", "m-2", memoryEvent("created", "m-2"));

    Awaitility.await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    Received r = receiver.received().get(0);
    assertThat(WebhookReceiver.verifies(r, secret)).isTrue();
    assertThat(WebhookReceiver.verifies(r, "whsec_" + "A".repeat(44))).isFalse();
    assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp())))
        .isLessThan(60);
    JsonNode body = body(r);
    assertThat(body.path("type").asText()).isEqualTo("memory.added");
    assertThat(body.path("tenant_id").asText()).isEqualTo(tenant);
    assertThat(body.path("data").path("memory_id").asText()).isEqualTo("m-2");

    Awaitility.await()
        .atMost(WAIT)
        .until(() -> "delivered".equals(deliveries(id).getString("items[0].status")));
    JsonPath log = deliveries(id);
    assertThat(log.getList("items")).hasSize(1);
    assertThat(log.getString("items[0].id")).isEqualTo(r.id());
    assertThat(log.getString("items[0].event_type")).isEqualTo("memory.added");
    assertThat(log.getInt("items[0].attempts")).isEqualTo(1);
    assertThat(log.getInt("items[0].response_status")).isEqualTo(204);
  }

  @Test
  void jobOutcomesOnTheAuditTopicBecomeJobCompletedAndJobFailed() {
    JsonPath created = subscribe(receiver.url(), "job.completed", "job.failed");
    String secret = created.getString("secret");
    String jobId = UUID.randomUUID().toString();
    KafkaTestClient.send(
        "audit.events",
        tenant,
        Events.event(tenant)
            .actor("service", "memory-service/ingestion")
            .action("create")
            .resource("memory_job", jobId, "u-1")
            .json());
    KafkaTestClient.send(
        "audit.events",
        tenant,
        Events.event(tenant)
            .actor("service", "memory-service/ingestion")
            .action("modify")
            .resource("memory_job", jobId, "u-1")
            .details(Map.of("status", "completed", "added", 2, "updated", 0, "invalidated", 0))
            .json());

    Awaitility.await().atMost(WAIT).until(() -> receiver.received().size() == 1);
    Received r = receiver.received().get(0);
    assertThat(WebhookReceiver.verifies(r, secret)).isTrue();
    JsonNode body = body(r);
    assertThat(body.path("type").asText()).isEqualTo("job.completed");
    assertThat(body.path("data").path("job_id").asText()).isEqualTo(jobId);
    assertThat(body.path("data").path("user_id").asText()).isEqualTo("u-1");
    assertThat(body.path("data").path("added").asInt()).isEqualTo(2);
  }

  @Test
  void aReceiverThatIsDownGetsEveryMissedDeliveryOnceWhenItReturns() throws Exception {
    JsonPath created = subscribe(receiver.url(), "memory.added", "memory.deleted");
    String id = created.getString("id");
    receiver.down();
    List<String> memories = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String memoryId = "m-" + i;
      memories.add(memoryId);
      KafkaTestClient.send(
          "memory.events", memoryId, memoryEvent(i % 2 == 0 ? "created" : "deleted", memoryId));
    }
    // Down long enough for several failed attempts (back-off 200 ms doubling, at most 1 s).
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                Db.number(
                        "select consecutive_failures from webhook_subscription where id = ?::uuid",
                        id)
                    >= 3);
    assertThat(
            Db.number("select count(*) from webhook_delivery where subscription_id = ?::uuid", id))
        .isEqualTo(6);
    receiver.up();

    Awaitility.await().atMost(WAIT).until(() -> receiver.received().size() >= 6);
    Thread.sleep(1500); // a duplicate would arrive within a dispatcher round or two
    List<Received> got = receiver.received();
    assertThat(got).hasSize(6);
    Set<String> seen = new HashSet<>();
    for (Received r : got) {
      assertThat(WebhookReceiver.verifies(r, created.getString("secret"))).isTrue();
      seen.add(body(r).path("data").path("memory_id").asText());
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(memories);
    assertThat(got.stream().map(Received::id).distinct()).hasSize(6);
    given()
        .auth()
        .oauth2(admin)
        .get("/api/v1/webhooks/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("active"))
        .body("consecutive_failures", equalTo(0));
  }

  @Test
  void aReceiverThatKeepsFailingIsDisabledWithAnAuditRecordAndCanBeReEnabled() {
    receiver.answer(500);
    JsonPath created = subscribe(receiver.url(), "memory.added");
    String id = created.getString("id");
    KafkaTestClient.send("memory.events", "m-1", memoryEvent("created", "m-1"));

    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                "disabled"
                    .equals(
                        given()
                            .auth()
                            .oauth2(admin)
                            .get("/api/v1/webhooks/" + id)
                            .jsonPath()
                            .getString("status")));
    int attempts = receiver.received().size();
    assertThat(attempts)
        .isEqualTo(6); // membank.webhooks.disable-after-failures in the test profile
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                Db.number(
                        "select count(*) from audit_record where tenant_id = ?"
                            + " and resource_type = 'webhook_subscription' and resource_id = ?"
                            + " and outcome = 'failure'",
                        tenant,
                        id)
                    == 1);
    JsonPath log = deliveries(id);
    assertThat(log.getString("items[0].status")).isEqualTo("pending");
    assertThat(log.getString("items[0].last_error")).contains("HTTP 500");

    receiver.answer(200);
    given()
        .auth()
        .oauth2(admin)
        .post("/api/v1/webhooks/" + id + "/enable")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> "delivered".equals(deliveries(id).getString("items[0].status")));
    assertThat(receiver.received()).hasSize(attempts + 1);
  }

  @Test
  void anEventReadTwiceIsDeliveredOnce() throws Exception {
    JsonPath created = subscribe(receiver.url(), "memory.added");
    String record = memoryEvent("created", "m-1");
    KafkaTestClient.send("memory.events", "m-1", record);
    KafkaTestClient.send("memory.events", "m-1", record);
    KafkaTestClient.send("memory.events", "m-2", memoryEvent("created", "m-2"));
    Awaitility.await().atMost(WAIT).until(() -> receiver.received().size() >= 2);
    Thread.sleep(1000);
    assertThat(receiver.received()).hasSize(2);
    assertThat(deliveries(created.getString("id")).getList("items")).hasSize(2);
  }

  @Test
  void theApiIsForAdminsOfTheTenantAndRefusesBadInput() {
    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "reader-1", "reader"))
        .get("/api/v1/webhooks")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("url", receiver.url(), "events", List.of("memory.added", "memory.exploded")))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("events"))
        .body("errors[0].field", equalTo("events"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("url", "ftp://example.com/x", "events", List.of("memory.added")))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .body("detail", containsString("url"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("url", receiver.url()))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400);
    assertThat(Db.number("select count(*) from webhook_subscription where tenant_id = ?", tenant))
        .isZero();

    String id = subscribe(receiver.url(), "memory.added").getString("id");
    given()
        .auth()
        .oauth2(admin)
        .get("/api/v1/webhooks/" + id)
        .then()
        .statusCode(200)
        .body("secret", nullValue())
        .body("events", equalTo(List.of("memory.added")));
    String stranger = TestTokens.token(Events.tenant(), "admin-2", "admin");
    given().auth().oauth2(stranger).get("/api/v1/webhooks/" + id).then().statusCode(404);
    given().auth().oauth2(stranger).delete("/api/v1/webhooks/" + id).then().statusCode(404);
    given()
        .auth()
        .oauth2(stranger)
        .get("/api/v1/webhooks/" + id + "/deliveries")
        .then()
        .statusCode(404);
    given().auth().oauth2(admin).delete("/api/v1/webhooks/" + id).then().statusCode(204);
    given().auth().oauth2(admin).get("/api/v1/webhooks/" + id).then().statusCode(404);
  }

  @Test
  void listingPagesWithCursors() {
    for (int i = 0; i < 3; i++) {
      subscribe(receiver.url() + "/" + i, "memory.added");
    }
    JsonPath first =
        given().auth().oauth2(admin).queryParam("limit", 2).get("/api/v1/webhooks").jsonPath();
    assertThat(first.getList("items")).hasSize(2);
    assertThat(first.getString("next_cursor")).isNotBlank();
    JsonPath second =
        given()
            .auth()
            .oauth2(admin)
            .queryParam("limit", 2)
            .queryParam("cursor", first.getString("next_cursor"))
            .get("/api/v1/webhooks")
            .jsonPath();
    assertThat(second.getList("items")).hasSize(1);
    assertThat(second.getString("next_cursor")).isNull();
    assertThat(second.getString("items[0].url")).endsWith("/2");
    given()
        .auth()
        .oauth2(admin)
        .queryParam("cursor", "bm9wZQ")
        .get("/api/v1/webhooks")
        .then()
        .statusCode(400);
  }

  JsonPath deliveries(String id) {
    return given()
        .auth()
        .oauth2(admin)
        .get("/api/v1/webhooks/" + id + "/deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
