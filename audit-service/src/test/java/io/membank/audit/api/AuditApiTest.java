package io.membank.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.intake.AuditEventParser;
import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Events;
import io.membank.audit.support.Receivers;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading the trail: filters, opaque cursors, newest first, tenant from the credential (operator
 * admins excepted), admin/auditor only, and every read recorded in the trail it read.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
class AuditApiTest {

  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  @Inject AuditLog log;
  @Inject AuditConfig config;

  String tenant;
  String auditor;

  /** 12 events: alice reads m-0..m-5, bob modifies m-6..m-9, bob fails twice on m-10, m-11. */
  @BeforeEach
  void seed() {
    tenant = Events.tenant();
    auditor = TestTokens.token(tenant, "auditor-7", "auditor");
    AuditEventParser parser = new AuditEventParser(config.intake());
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Events.Builder b =
          Events.event(tenant).at(T0.plusSeconds(60L * i)).resource("memory", "m-" + i, "u-1");
      if (i >= 6) {
        b.actor("user", "bob", "writer").action("modify");
      } else {
        b.actor("user", "alice", "reader");
      }
      if (i >= 10) {
        b.outcome("failure");
      }
      entries.add(parser.parse(b.json()));
    }
    log.append(entries);
  }

  JsonPath list(String token, Map<String, ?> params) {
    return given()
        .auth()
        .oauth2(token)
        .queryParams(params)
        .get("/api/v1/audit/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void pagesAreNewestFirstAndCursorsContinueWhereTheyStopped() {
    Map<String, Object> filter = Map.of("resource_type", "memory", "limit", 5);
    JsonPath first = list(auditor, filter);
    assertThat(first.getList("events.seq", Long.class)).containsExactly(12L, 11L, 10L, 9L, 8L);
    String cursor = first.getString("next_cursor");
    assertThat(cursor).isNotBlank().doesNotContain("8");

    JsonPath second =
        list(auditor, Map.of("resource_type", "memory", "limit", 5, "cursor", cursor));
    assertThat(second.getList("events.seq", Long.class)).containsExactly(7L, 6L, 5L, 4L, 3L);
    JsonPath last =
        list(
            auditor,
            Map.of(
                "resource_type", "memory", "limit", 5, "cursor", second.getString("next_cursor")));
    assertThat(last.getList("events.seq", Long.class)).containsExactly(2L, 1L);
    assertThat(last.getString("next_cursor")).isNull();

    // A cursor belongs to its listing: another filter refuses it.
    given()
        .auth()
        .oauth2(auditor)
        .queryParam("actor", "bob")
        .queryParam("cursor", cursor)
        .get("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://membank.io/problems/invalid-cursor"));
  }

  @Test
  void filtersNarrowTheListing() {
    assertThat(list(auditor, Map.of("actor", "bob")).getList("events.resource.id"))
        .containsExactly("m-11", "m-10", "m-9", "m-8", "m-7", "m-6");
    assertThat(list(auditor, Map.of("outcome", "failure")).getList("events.seq", Long.class))
        .containsExactly(12L, 11L);
    assertThat(
            list(auditor, Map.of("action", "access", "resource_id", "m-3"))
                .getList("events.seq", Long.class))
        .containsExactly(4L);
    assertThat(
            list(
                    auditor,
                    Map.of(
                        "from",
                        T0.plusSeconds(120).toString(),
                        "to",
                        T0.plusSeconds(240).toString()))
                .getList("events.resource.id"))
        .containsExactly("m-3", "m-2");
    assertThat(
            list(auditor, Map.of("compliance", "GDPR", "resource_type", "memory"))
                .getList("events"))
        .hasSize(12);
    assertThat(list(auditor, Map.of("min_risk", "high")).getList("events")).isEmpty();
    JsonPath one = list(auditor, Map.of("resource_id", "m-6"));
    assertThat(one.getString("events[0].actor.id")).isEqualTo("bob");
    assertThat(one.getString("events[0].risk")).isEqualTo("low");
    assertThat(one.getList("events[0].compliance")).containsExactly("GDPR");
    assertThat(one.getString("events[0].hash")).hasSize(64);
    assertThat(one.getString("events[0].prev_hash")).hasSize(64);
  }

  @Test
  void everyReadIsRecordedInTheTrailItRead() {
    list(auditor, Map.of("actor", "alice"));

    JsonPath reads = list(auditor, Map.of("resource_type", "audit_log", "actor", "auditor-7"));
    assertThat(reads.getList("events")).hasSizeGreaterThanOrEqualTo(1);
    // newest first: the newest read of the trail is the listing just before this one
    assertThat(reads.getString("events[0].action")).isEqualTo("access");
    assertThat(reads.getString("events[0].service")).isEqualTo("audit-service");
    assertThat(reads.getString("events[0].details.filter.actor")).isEqualTo("alice");
    assertThat(reads.getInt("events[0].details.returned")).isEqualTo(6);
    assertThat(reads.getString("events[0].risk")).isEqualTo("low");
    assertThat(reads.getList("events[0].risk_reasons")).containsExactly("audit_trail_read");
    assertThat(reads.getList("events[0].compliance")).containsExactly("SOX");
  }

  @Test
  void onlyAdminsAndAuditorsReadAndOnlyTheirOwnTenant() {
    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "app-1", "reader", "writer"))
        .get("/api/v1/audit/events")
        .then()
        .statusCode(403);
    given().get("/api/v1/audit/events").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.token("globex", "auditor-1", "auditor", "admin"))
        .queryParam("tenant", tenant)
        .get("/api/v1/audit/events")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://membank.io/problems/tenant-forbidden"));
    // An auditor of another tenant sees nothing of this one.
    assertThat(
            list(TestTokens.token("globex", "auditor-1", "auditor"), Map.of("actor", "alice"))
                .getList("events"))
        .isEmpty();
  }

  @Test
  void operatorAdminsMayNameATenantAndTheReadIsFiledUnderIt() {
    String operator = TestTokens.token("ops", "root-1", "admin");
    JsonPath page = list(operator, Map.of("tenant", tenant, "actor", "bob", "limit", 2));
    assertThat(page.getString("tenant_id")).isEqualTo(tenant);
    assertThat(page.getList("events.resource.id")).containsExactly("m-11", "m-10");

    JsonPath reads = list(auditor, Map.of("resource_type", "audit_log", "actor", "root-1"));
    assertThat(reads.getString("events[0].details.caller_tenant")).isEqualTo("ops");
  }

  @Test
  void badParametersAreProblems() {
    given()
        .auth()
        .oauth2(auditor)
        .queryParam("from", "yesterday")
        .get("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("from"));
    given()
        .auth()
        .oauth2(auditor)
        .queryParam("risk", "extreme")
        .get("/api/v1/audit/events")
        .then()
        .statusCode(400);
  }
}
