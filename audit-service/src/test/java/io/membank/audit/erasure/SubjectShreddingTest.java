package io.membank.audit.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.audit.chain.AuditLog;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.intake.AuditEventParser;
import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Db;
import io.membank.audit.support.Events;
import io.membank.audit.support.Receivers;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding (issue 17): personal fields are sealed before they are hashed; erasing a subject
 * destroys its key, its fields read as erased, another subject's stay readable, the chain still
 * verifies, the confirmation carries the counts; poison goes to the dead letters.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
class SubjectShreddingTest {

  @Inject AuditLog log;
  @Inject AuditConfig config;
  @Inject SubjectErasure erasure;

  @Test
  void an_erased_subject_reads_as_erased_while_the_chain_verifies_and_others_stay_readable()
      throws Exception {
    String tenant = Events.tenant();
    AuditEventParser parser = new AuditEventParser(config.intake());
    log.append(
        List.of(
            parser.parse(
                Events.event(tenant)
                    .actor("user", "alice", "reader")
                    .resource("memory", "m-1", "alice")
                    .details(Map.of("note", "alice-private"))
                    .json()),
            parser.parse(
                Events.event(tenant)
                    .actor("user", "bob", "reader")
                    .resource("memory", "m-2", "bob")
                    .details(Map.of("note", "bob-private"))
                    .json()),
            parser.parse(
                Events.event(tenant)
                    .actor("user", "alice", "admin")
                    .action("delete")
                    .resource("memory", "m-3", "bob")
                    .json())));
    // Nothing personal is hashed or searchable in clear: only ciphertext and pseudonyms.
    assertThat(
            Db.number(
                "select count(*) from audit_record where tenant_id = ? and (body like '%alice%'"
                    + " or body like '%10.0.0.7%' or 'alice' in (actor_id, resource_owner_id))",
                tenant))
        .isZero();
    assertThat(actors(tenant)).containsExactly("alice", "bob", "alice");

    String erasureId = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_REQUESTS, tenant, request(erasureId, tenant, "alice"));
    JsonNode confirmed =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_RESULTS,
            n ->
                erasureId.equals(n.path("data").path("erasure_id").asText())
                    && "audit-service".equals(n.path("data").path("service").asText()));

    ErasureConfirmed data =
        EventJson.newMapper().treeToValue(confirmed.path("data"), ErasureConfirmed.class);
    assertThat(data.clean()).isTrue();
    assertThat(data.stores())
        .extracting(ErasureConfirmed.StoreCount::store, ErasureConfirmed.StoreCount::before)
        .containsExactly(
            tuple(SubjectErasure.KEYS, 1L),
            tuple(SubjectErasure.SEALED, 2L),
            tuple(SubjectErasure.CLEAR, 0L));
    assertThat(
            Db.number(
                "select count(*) from subject_key where tenant_id = ? and subject = 'alice'",
                tenant))
        .isZero();

    JsonPath page = events(tenant);
    // Newest first: the listing itself is recorded first, then m-3, m-2, m-1.
    assertThat(page.getString("events.find { it.resource.id == 'm-1' }.actor.id"))
        .isEqualTo("[erased]");
    assertThat(page.getString("events.find { it.resource.id == 'm-1' }.ip")).isEqualTo("[erased]");
    assertThat(page.getBoolean("events.find { it.resource.id == 'm-1' }.details.erased")).isTrue();
    assertThat(page.getString("events.find { it.resource.id == 'm-3' }.actor.id"))
        .isEqualTo("[erased]");
    assertThat(page.getString("events.find { it.resource.id == 'm-3' }.resource.owner_id"))
        .isEqualTo("bob");
    assertThat(page.getString("events.find { it.resource.id == 'm-2' }.actor.id")).isEqualTo("bob");
    assertThat(page.getString("events.find { it.resource.id == 'm-2' }.details.note"))
        .isEqualTo("bob-private");
    assertThat(page.getString("events.find { it.resource.id == 'm-2' }.ip")).isEqualTo("10.0.0.7");

    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "auditor-7", "auditor"))
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .body("ok", equalTo(true))
        .body("records_checked", greaterThanOrEqualTo(4));

    // The saga re-sends unfinished erasures: a second one finds nothing and confirms clean.
    ErasureConfirmed again =
        erasure.erase(
            new ErasureRequested(erasureId, tenant, "alice", "request", 2, OffsetDateTime.now()));
    assertThat(again.clean()).isTrue();
    assertThat(again.stores()).allMatch(s -> s.before() == 0);
  }

  @Test
  void a_poison_request_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_REQUESTS, "x", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.requests.dlq.audit-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }

  private static List<String> actors(String tenant) {
    JsonPath page = events(tenant);
    return page.getList("events.findAll { it.resource.type == 'memory' }.actor.id").stream()
        .map(String::valueOf)
        .toList()
        .reversed();
  }

  private static JsonPath events(String tenant) {
    return given()
        .auth()
        .oauth2(TestTokens.token(tenant, "auditor-7", "auditor"))
        .queryParam("limit", 100)
        .get("/api/v1/audit/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String request(String erasureId, String tenant, String subject) throws Exception {
    return EventJson.newMapper()
        .writeValueAsString(
            CloudEvent.of(
                EventTypes.GOVERNANCE_ERASURE_REQUESTED,
                "/test",
                erasureId,
                tenant,
                new ErasureRequested(
                    erasureId, tenant, subject, "request", 1, OffsetDateTime.now())));
  }
}
