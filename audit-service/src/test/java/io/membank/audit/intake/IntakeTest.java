package io.membank.audit.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.membank.audit.shredding.SubjectKeys;
import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Db;
import io.membank.audit.support.Events;
import io.membank.audit.support.Receivers;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Intake from real Kafka: stored once per event id, poison to the dead-letter topic, lenient with
 * optional fields, and a burst of refused attempts paging PagerDuty (a local stand-in speaking the
 * Events API v2) within five seconds.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
class IntakeTest {

  @Inject SubjectKeys subjectKeys;

  static final ObjectMapper JSON = new ObjectMapper();

  static long stored(String tenant) {
    return Db.number("select count(*) from audit_record where tenant_id = ?", tenant);
  }

  static long stored(String tenant, String eventId) {
    return Db.number(
        "select count(*) from audit_record where tenant_id = ? and event_id = ?", tenant, eventId);
  }

  /** Sends the records in one go from one producer (a burst, as a busy service would). */
  static void burst(String tenant, List<String> values) {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(KafkaTestClient.topic("audit.events"), tenant, value));
      }
      producer.flush();
    }
  }

  static List<LoggedRequest> pagesFor(String tenant) {
    return Receivers.pagerDuty.findAll(
        postRequestedFor(urlEqualTo("/v2/enqueue"))
            .withRequestBody(containing("tenant:" + tenant)));
  }

  @Test
  void anEventDeliveredTwiceIsStoredOnce() {
    String tenant = Events.tenant();
    Events.Builder event = Events.event(tenant).action("modify");
    Events.Builder after = Events.event(tenant);
    KafkaTestClient.send("audit.events", tenant, event.json());
    KafkaTestClient.send("audit.events", tenant, event.json());
    KafkaTestClient.send("audit.events", tenant, after.json());

    // Same key, same partition: once the last one is stored, both copies have been handled.
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stored(tenant, after.id()) == 1);

    assertThat(stored(tenant, event.id())).isEqualTo(1);
    assertThat(stored(tenant)).isEqualTo(2);
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicAndDoNotBlock() throws Exception {
    String tenant = Events.tenant();
    String marker = "poison-" + tenant;
    KafkaTestClient.send("audit.events", tenant, "{\"not\":\"" + marker + "\"}");
    Events.Builder foreignTenant = Events.event("../" + tenant);
    KafkaTestClient.send("audit.events", tenant, foreignTenant.json());
    Events.Builder good = Events.event(tenant);
    KafkaTestClient.send("audit.events", tenant, good.json());

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "audit.events.dlq.audit-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
    JsonNode badTenant =
        KafkaTestClient.awaitRecord(
            "audit.events.dlq.audit-service",
            n -> foreignTenant.id().equals(n.path("id").asText()));
    assertThat(badTenant.path("tenantid").asText()).isEqualTo("../" + tenant);
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stored(tenant, good.id()) == 1);
  }

  @Test
  void badOptionalFieldsDoNotLoseTheEvent() {
    String tenant = Events.tenant();
    Events.Builder b = Events.event(tenant);
    ObjectNode data = b.data();
    data.put("occurred_at", "last tuesday");
    data.put("details", 17);
    data.put("outcome", "weird");
    ((ObjectNode) data.get("actor")).putArray("roles").add(1).add("auditor");
    KafkaTestClient.send("audit.events", tenant, b.envelope(data));

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stored(tenant, b.id()) == 1);

    JsonPath page =
        given()
            .auth()
            .oauth2(TestTokens.token(tenant, "auditor-1", "auditor"))
            .queryParam("resource_type", "memory")
            .get("/api/v1/audit/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getString("events[0].event_id")).isEqualTo(b.id());
    assertThat(page.getString("events[0].outcome")).isEqualTo("weird");
    assertThat(page.getList("events[0].actor.roles")).containsExactly("auditor");
    assertThat(page.getList("events[0].intake_warnings", String.class))
        .contains(
            "unparseable time last tuesday",
            "details dropped: not an object",
            "actor.roles element dropped");
  }

  @Test
  void aBurstOfUnauthorizedAttemptsPagesWithinFiveSeconds() throws Exception {
    String tenant = Events.tenant();
    List<String> attempts =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(
                i ->
                    Events.event(tenant)
                        .actor("user", "mallory", "reader")
                        .resource("memory", "m-" + i, "u-" + i)
                        .outcome("unauthorized")
                        .json())
            .toList();
    long t0 = System.nanoTime();
    burst(tenant, attempts);

    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !pagesFor(tenant).isEmpty());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("audit.test.burst-to-page ms=" + ms);

    JsonNode trigger = JSON.readTree(pagesFor(tenant).get(0).getBodyAsString());
    assertThat(trigger.path("routing_key").asText()).isEqualTo(Receivers.ROUTING_KEY);
    assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
    // Alerts name the actor by pseudonym (issue 17: PagerDuty cannot erase a subject).
    String mallory = subjectKeys.find(tenant, "mallory").orElseThrow().pseudonym("mallory");
    assertThat(trigger.path("dedup_key").asText())
        .isEqualTo("membank-audit/" + tenant + "/failure_burst/" + mallory);
    JsonNode payload = trigger.path("payload");
    assertThat(payload.path("summary").asText())
        .contains("failure_burst")
        .contains(mallory)
        .doesNotContain("mallory")
        .hasSizeLessThanOrEqualTo(1024);
    assertThat(payload.path("source").asText()).isEqualTo("membank-audit-service");
    assertThat(payload.path("severity").asText()).isIn("critical", "error", "warning", "info");
    assertThat(payload.path("severity").asText()).isEqualTo("error");
    assertThat(OffsetDateTime.parse(payload.path("timestamp").asText())).isNotNull();
    assertThat(payload.path("component").asText()).isEqualTo("memory-service");
    assertThat(payload.path("group").asText()).isEqualTo("tenant:" + tenant);
    assertThat(payload.path("class").asText()).isEqualTo("failure_burst");
    JsonNode custom = payload.path("custom_details");
    assertThat(custom.path("seq").asLong()).isEqualTo(5);
    assertThat(custom.path("risk").asText()).isEqualTo("high");
    assertThat(custom.path("outcome").asText()).isEqualTo("unauthorized");
    assertThat(custom.path("hash").asText()).hasSize(64);

    JsonNode alert =
        KafkaTestClient.awaitRecord(
            "audit.alerts", n -> tenant.equals(n.path("tenantid").asText()));
    assertThat(alert.path("type").asText()).isEqualTo("membank.audit.alert.raised.v1");
    assertThat(alert.path("data").path("dedup_key").asText())
        .isEqualTo(trigger.path("dedup_key").asText());

    // The rest of the burst (and more of it) is the same incident: no second page.
    burst(
        tenant,
        List.of(
            Events.event(tenant).actor("user", "mallory").outcome("unauthorized").json(),
            Events.event(tenant).actor("user", "mallory").outcome("unauthorized").json()));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> stored(tenant) == 8);
    Thread.sleep(1500);
    assertThat(pagesFor(tenant)).hasSize(1);
    assertThat(Db.number("select count(*) from alert where tenant_id = ?", tenant)).isEqualTo(1);
  }

  @Test
  void aBurstArrivingOutOfOrderStillPages() {
    // Refusals reach audit-service out of order (the latest first): whichever completes the
    // burst must still see the others around it.
    String tenant = Events.tenant();
    java.time.Instant now = java.time.Instant.now();
    List<String> attempts =
        java.util.stream.IntStream.range(0, 5)
            .mapToObj(
                i ->
                    Events.event(tenant)
                        .at(now.minusSeconds(i))
                        .actor("user", "eve", "reader")
                        .outcome("unauthorized")
                        .json())
            .toList();
    burst(tenant, attempts);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !pagesFor(tenant).isEmpty());
  }

  @Test
  void anUnreachablePagerDutyIsRetriedWithBackOff() {
    String tenant = Events.tenant();
    Receivers.pagerDuty.stubFor(
        WireMock.post("/v2/enqueue")
            .withRequestBody(containing("tenant:" + tenant))
            .inScenario(tenant)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(WireMock.aResponse().withStatus(503))
            .willSetStateTo("up"));
    Receivers.pagerDuty.stubFor(
        WireMock.post("/v2/enqueue")
            .withRequestBody(containing("tenant:" + tenant))
            .inScenario(tenant)
            .whenScenarioStateIs("up")
            .willReturn(WireMock.aResponse().withStatus(202).withBody("{\"status\":\"success\"}")));
    KafkaTestClient.send(
        "audit.events",
        tenant,
        Events.event(tenant).action("export").details(Map.of("record_count", 50_000)).json());

    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pagesFor(tenant).size() == 2);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                Db.rows(
                        "select d.status, d.attempts from delivery d join alert a on a.id ="
                            + " d.alert_id where a.tenant_id = ? and d.channel = 'pagerduty'",
                        tenant)
                    .equals(List.of(List.of("delivered", "2"))));
  }
}
