package io.membank.governance.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.RetentionApplied;
import io.membank.contracts.RetentionRequested;
import io.membank.contracts.Topics;
import io.membank.governance.retention.service.RetentionEnforcer;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention policies (versioned, validated, audited), legal holds, and the enforcer with a moved
 * clock: the cutoff follows the clock, a held subject is sent as held and reported as kept, the
 * owner's counts complete the run, and a second replica's pass stands back while one holds the
 * lock.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class RetentionTest {

  private static final String BASE = "/api/v1/governance/retention";

  @Inject MovableClock clock;
  @Inject RetentionEnforcer enforcer;
  @Inject AgroalDataSource dataSource;

  @AfterEach
  void putTimeBack() {
    clock.reset();
  }

  @Test
  void a_policy_is_validated_versioned_readable_in_every_version_and_audited() {
    String tenant = tenant();
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    String id = createPolicy(admin, Map.of("data_class", "pii", "max_age_days", 365));

    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("data_class", "PII", "scope", "user", "max_age_days", 180))
        .put(BASE + "/policies/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("scope", equalTo("user"))
        .body("max_age_days", equalTo(180));
    given()
        .auth()
        .oauth2(admin)
        .get(BASE + "/policies/" + id + "/versions/1")
        .then()
        .statusCode(200)
        .body("max_age_days", equalTo(365))
        .body("data_class", equalTo("PII"));
    given()
        .auth()
        .oauth2(admin)
        .get(BASE + "/policies/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));

    badRequest(admin, Map.of("max_age_days", 0), "max_age_days");
    badRequest(admin, Map.of("data_class", "health", "max_age_days", 30), "data_class");
    badRequest(admin, Map.of("scope", "team", "max_age_days", 30), "scope");
    badRequest(admin, Map.of("region", "mars", "max_age_days", 30), "region");
    badRequest(admin, Map.of("data_class", "PII"), "max_age_days");

    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "w-1", "writer"))
        .contentType(ContentType.JSON)
        .body(Map.of("max_age_days", 30))
        .post(BASE + "/policies")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.token(tenant + "-x", "admin-1", "admin"))
        .get(BASE + "/policies/" + id)
        .then()
        .statusCode(404);

    // Cursor paging over the latest versions.
    createPolicy(admin, Map.of("max_age_days", 30));
    String next =
        given()
            .auth()
            .oauth2(admin)
            .queryParam("limit", 1)
            .get(BASE + "/policies")
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(1))
            .body("next_cursor", notNullValue())
            .extract()
            .path("next_cursor");
    given()
        .auth()
        .oauth2(admin)
        .queryParam("limit", 1)
        .queryParam("cursor", next)
        .get(BASE + "/policies")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("next_cursor", nullValue());
    given()
        .auth()
        .oauth2(admin)
        .queryParam("cursor", "nonsense!")
        .get(BASE + "/policies")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cursor"));

    JsonNode audit =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            n ->
                id.equals(n.path("data").path("resource").path("id").asText())
                    && n.path("data").path("details").path("version").asInt() == 2);
    assertThat(audit.path("data").path("resource").path("type").asText())
        .isEqualTo("retention_policy");
    assertThat(audit.path("data").path("action").asText()).isEqualTo("modify");
  }

  @Test
  void a_hold_needs_a_reason_is_audited_and_released_explicitly() {
    String tenant = tenant();
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", "anna"))
        .post(BASE + "/holds")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("reason"));
    String hold = hold(admin, "anna");
    given()
        .auth()
        .oauth2(admin)
        .queryParam("active", true)
        .get(BASE + "/holds")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].user_id", equalTo("anna"))
        .body("items[0].status", equalTo("active"));
    given()
        .auth()
        .oauth2(admin)
        .post(BASE + "/holds/" + hold + "/release")
        .then()
        .statusCode(200)
        .body("status", equalTo("released"))
        .body("released_by", equalTo("admin-1"));
    given()
        .auth()
        .oauth2(admin)
        .queryParam("active", true)
        .get(BASE + "/holds")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
    KafkaTestClient.awaitRecord(
        Topics.AUDIT_EVENTS,
        n ->
            hold.equals(n.path("data").path("resource").path("id").asText())
                && "released".equals(n.path("data").path("details").path("status").asText()));
  }

  @Test
  void after_400_days_the_pass_sends_the_cutoff_and_the_held_subject_and_reports_the_counts()
      throws Exception {
    String tenant = tenant();
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    String policy = createPolicy(admin, Map.of("max_age_days", 365));
    hold(admin, "held-user");

    clock.advance(Duration.ofDays(400));
    Instant now = clock.instant();
    RetentionEnforcer.Pass pass = enforcer.pass("scheduled", "retention-enforcer", null, null);
    assertThat(pass.ran()).isTrue();
    String run =
        pass.runs().stream()
            .filter(r -> r.tenantId().equals(tenant))
            .findFirst()
            .orElseThrow()
            .runId()
            .toString();

    JsonNode request =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_RETENTION, n -> run.equals(n.path("data").path("run_id").asText()));
    assertThat(request.path("type").asText()).isEqualTo(EventTypes.GOVERNANCE_RETENTION_REQUESTED);
    RetentionRequested sent = RetentionRequested.parse(request.toString());
    assertThat(sent.heldSubjects()).containsExactly("held-user");
    assertThat(sent.tenantHeld()).isFalse();
    assertThat(sent.expired()).isTrue();
    assertThat(sent.rules()).hasSize(1);
    // The cutoff is 365 days before the moved clock: 35 days after the real now.
    Instant cutoff = sent.rules().getFirst().cutoff().toInstant();
    assertThat(Duration.between(now.minus(Duration.ofDays(365)), cutoff).abs())
        .isLessThan(Duration.ofMinutes(1));
    assertThat(cutoff).isAfter(Instant.now().plus(Duration.ofDays(34)));

    given()
        .auth()
        .oauth2(admin)
        .get(BASE + "/runs/" + run)
        .then()
        .statusCode(200)
        .body("status", equalTo("pending"))
        .body("held_users", equalTo(List.of("held-user")));

    answer(
        sent,
        List.of(
            new RetentionApplied.RuleResult(policy, 3, 2),
            new RetentionApplied.RuleResult(RetentionRequested.EXPIRED_RULE, 1, 0)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(admin)
                    .get(BASE + "/runs/" + run)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("erased", equalTo(4))
                    .body("kept_by_hold", equalTo(2)));
    given()
        .auth()
        .oauth2(admin)
        .get(BASE + "/runs")
        .then()
        .statusCode(200)
        .body("items[0].run_id", equalTo(run))
        .body("items[0].policies.find { it.policy == '" + policy + "' }.erased", equalTo(3))
        .body("items[0].policies.find { it.policy == '" + policy + "' }.kept_by_hold", equalTo(2));
    KafkaTestClient.awaitRecord(
        Topics.AUDIT_EVENTS,
        n ->
            run.equals(n.path("data").path("resource").path("id").asText())
                && n.path("data").path("details").path("erased").asInt() == 4);

    // A re-sent request's answer (zeros) does not overwrite the first counts.
    answer(sent, List.of(new RetentionApplied.RuleResult(policy, 0, 2)));
    Thread.sleep(2000);
    given()
        .auth()
        .oauth2(admin)
        .get(BASE + "/runs/" + run)
        .then()
        .statusCode(200)
        .body("erased", equalTo(4));
  }

  @Test
  void a_tenant_hold_is_sent_and_an_unanswered_run_is_sent_again() {
    String tenant = tenant();
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    createPolicy(admin, Map.of("max_age_days", 30, "scope", "session"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "litigation hold on the whole tenant"))
        .post(BASE + "/holds")
        .then()
        .statusCode(201);
    String run =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body("{}")
            .post(BASE + "/runs")
            .then()
            .statusCode(202)
            .body("trigger", equalTo("manual"))
            .body("tenant_held", equalTo(true))
            .extract()
            .path("run_id");
    JsonNode again =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_RETENTION,
            n ->
                run.equals(n.path("data").path("run_id").asText())
                    && n.path("data").path("attempt").asInt() >= 2);
    assertThat(again.path("data").path("tenant_held").asBoolean()).isTrue();
    assertThat(again.path("data").path("rules").get(0).path("scope").asText()).isEqualTo("session");

    // as_of is refused unless the service allows it.
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("as_of", "2030-01-01T00:00:00Z"))
        .post(BASE + "/runs")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("as_of"));
  }

  @Test
  void while_another_replica_holds_the_pass_lock_a_pass_stands_back() throws Exception {
    String tenant = tenant();
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    createPolicy(admin, Map.of("max_age_days", 30));
    try (Connection other = dataSource.getConnection()) {
      lock(other, "select pg_advisory_lock(?)");
      assertThat(enforcer.pass("scheduled", "retention-enforcer", null, null).ran()).isFalse();
      given()
          .auth()
          .oauth2(admin)
          .contentType(ContentType.JSON)
          .body("{}")
          .post(BASE + "/runs")
          .then()
          .statusCode(409);
      lock(other, "select pg_advisory_unlock(?)");
    }
    assertThat(enforcer.pass("manual", "admin-1", tenant, null).ran()).isTrue();
  }

  private static void lock(Connection c, String sql) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, RetentionEnforcer.PASS_LOCK);
      try (ResultSet r = s.executeQuery()) {
        r.next();
      }
    }
  }

  private static void answer(RetentionRequested sent, List<RetentionApplied.RuleResult> results)
      throws Exception {
    RetentionApplied applied =
        new RetentionApplied(
            sent.runId(),
            sent.tenantId(),
            "memory-service",
            sent.attempt(),
            results,
            OffsetDateTime.now(ZoneOffset.UTC));
    KafkaTestClient.send(
        Topics.GOVERNANCE_RESULTS,
        sent.tenantId(),
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_RETENTION_APPLIED,
                    "/membank/memory-service",
                    sent.runId(),
                    sent.tenantId(),
                    applied)));
  }

  private static String createPolicy(String admin, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(body)
        .post(BASE + "/policies")
        .then()
        .statusCode(201)
        .body("version", equalTo(1))
        .extract()
        .path("policy_id");
  }

  private static String hold(String admin, String user) {
    return given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("user_id", user, "reason", "case 2026-114"))
        .post(BASE + "/holds")
        .then()
        .statusCode(201)
        .body("status", equalTo("active"))
        .extract()
        .path("hold_id");
  }

  private static void badRequest(String admin, Map<String, Object> body, String field) {
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(body)
        .post(BASE + "/policies")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(field));
  }

  private static String tenant() {
    return "rt-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
