package io.membank.memory.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.RetentionRequested;
import io.membank.contracts.Topics;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deletes by cutoff for a retention pass: tenant, held subject, data class, scope and expiry
 * honoured, another tenant untouched; every deleted memory announced on memory.events; the result
 * with counts on governance.results; a second pass deletes nothing; poison to the dead-letter
 * topic.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class RetentionDeletionTest {

  private static final Instant NOW = Instant.now();
  private static final Instant OLD = NOW.minus(Duration.ofDays(400));
  private static final Instant RECENT = NOW.minus(Duration.ofDays(10));

  @Inject AgroalDataSource dataSource;

  @Test
  void a_pass_deletes_what_is_past_the_cutoff_except_held_subjects_and_other_tenants()
      throws Exception {
    String tenant = "rd-" + UUID.randomUUID().toString().substring(0, 8);
    String other = tenant + "-b";
    UUID annaOld = memory(tenant, "anna", null, null, OLD, null, null);
    UUID annaOldSession = memory(tenant, "anna", "agent-1", "s-1", OLD, null, null);
    UUID annaRecent = memory(tenant, "anna", null, null, RECENT, null, null);
    UUID annaExpired = memory(tenant, "anna", null, null, RECENT, NOW.minusSeconds(60), null);
    UUID heldOld = memory(tenant, "held", null, null, OLD, null, null);
    UUID otherTenantOld = memory(other, "anna", null, null, OLD, null, null);

    String policy = UUID.randomUUID().toString();
    RetentionRequested request =
        request(
            tenant,
            List.of(rule(policy, NOW.minus(Duration.ofDays(365)), List.of(), null)),
            false,
            List.of("held"),
            1);
    send(request);
    JsonNode result = result(request.runId(), 1);

    assertThat(rule(result, policy).path("erased").asLong()).isEqualTo(2);
    assertThat(rule(result, policy).path("kept_by_hold").asLong()).isEqualTo(1);
    assertThat(rule(result, RetentionRequested.EXPIRED_RULE).path("erased").asLong()).isEqualTo(1);
    assertThat(exists(annaOld)).isFalse();
    assertThat(exists(annaOldSession)).isFalse();
    assertThat(exists(annaExpired)).isFalse();
    assertThat(exists(annaRecent)).isTrue();
    assertThat(exists(heldOld)).isTrue();
    assertThat(exists(otherTenantOld)).isTrue();
    assertThat(count("select count(*) from memory_history where memory_id = ?", annaOld.toString()))
        .isZero();

    for (UUID gone : List.of(annaOld, annaOldSession, annaExpired)) {
      JsonNode deleted =
          KafkaTestClient.awaitRecord(
              Topics.MEMORY_EVENTS,
              n ->
                  gone.toString().equals(n.path("data").path("memory_id").asText())
                      && EventTypes.MEMORY_DELETED.equals(n.path("type").asText()));
      assertThat(deleted.path("data").path("operation").asText()).isEqualTo("deleted");
      assertThat(deleted.path("data").path("version").asLong()).isEqualTo(2);
      assertThat(deleted.path("data").has("content")).isFalse();
    }

    // A second pass: nothing more to delete, the held subject still kept.
    RetentionRequested again = request(tenant, request.rules(), false, List.of("held"), 1);
    send(again);
    JsonNode second = result(again.runId(), 1);
    assertThat(rule(second, policy).path("erased").asLong()).isZero();
    assertThat(rule(second, policy).path("kept_by_hold").asLong()).isEqualTo(1);
    assertThat(rule(second, RetentionRequested.EXPIRED_RULE).path("erased").asLong()).isZero();
  }

  @Test
  void a_rule_honours_scope_and_data_class_and_a_tenant_hold_keeps_everything() throws Exception {
    String tenant = "rd-" + UUID.randomUUID().toString().substring(0, 8);
    UUID job = job(tenant, "bo", "EMAIL");
    UUID plainJob = job(tenant, "bo", null);
    UUID userPii = memory(tenant, "bo", null, null, OLD, null, job);
    UUID userPlain = memory(tenant, "bo", null, null, OLD, null, plainJob);
    UUID sessionPii = memory(tenant, "bo", null, "s-9", OLD, null, job);
    UUID agentPii = memory(tenant, "bo", "agent-9", null, OLD, null, job);
    Instant cutoff = NOW.minus(Duration.ofDays(365));
    String piiUser = UUID.randomUUID().toString();
    String financial = UUID.randomUUID().toString();

    RetentionRequested held =
        request(
            tenant,
            List.of(rule(piiUser, cutoff, List.of("EMAIL", "PHONE"), "user")),
            true,
            List.of(),
            1);
    send(held);
    JsonNode kept = result(held.runId(), 1);
    assertThat(rule(kept, piiUser).path("erased").asLong()).isZero();
    assertThat(rule(kept, piiUser).path("kept_by_hold").asLong()).isEqualTo(1);
    assertThat(exists(userPii)).isTrue();

    RetentionRequested request =
        request(
            tenant,
            List.of(
                rule(piiUser, cutoff, List.of("EMAIL", "PHONE"), "user"),
                rule(financial, cutoff, List.of("IBAN", "PAYMENT_CARD"), null)),
            false,
            List.of(),
            1);
    send(request);
    JsonNode result = result(request.runId(), 1);
    assertThat(rule(result, piiUser).path("erased").asLong()).isEqualTo(1);
    assertThat(rule(result, financial).path("erased").asLong()).isZero();
    assertThat(exists(userPii)).isFalse();
    assertThat(exists(userPlain)).isTrue();
    assertThat(exists(sessionPii)).isTrue();
    assertThat(exists(agentPii)).isTrue();
  }

  @Test
  void a_poison_request_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_RETENTION, "x", "{\"not\":\"" + marker + "\"}");
    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.retention.dlq.memory-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }

  private static RetentionRequested.Rule rule(
      String policy, Instant cutoff, List<String> types, String scope) {
    return new RetentionRequested.Rule(policy, 1, cutoff.atOffset(ZoneOffset.UTC), types, scope);
  }

  private static RetentionRequested request(
      String tenant,
      List<RetentionRequested.Rule> rules,
      boolean tenantHeld,
      List<String> held,
      int attempt) {
    return new RetentionRequested(
        UUID.randomUUID().toString(),
        tenant,
        OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC),
        attempt,
        rules,
        true,
        tenantHeld,
        held);
  }

  private static void send(RetentionRequested request) throws Exception {
    KafkaTestClient.send(
        Topics.GOVERNANCE_RETENTION,
        request.tenantId(),
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_RETENTION_REQUESTED,
                    "/test",
                    request.runId(),
                    request.tenantId(),
                    request)));
  }

  private static JsonNode result(String run, int attempt) {
    return KafkaTestClient.awaitRecord(
        Topics.GOVERNANCE_RESULTS,
        n ->
            run.equals(n.path("data").path("run_id").asText())
                && EventTypes.GOVERNANCE_RETENTION_APPLIED.equals(n.path("type").asText())
                && n.path("data").path("attempt").asInt() == attempt);
  }

  private static JsonNode rule(JsonNode result, String rule) {
    for (JsonNode r : result.path("data").path("results")) {
      if (rule.equals(r.path("rule").asText())) {
        return r;
      }
    }
    throw new AssertionError("no rule " + rule + " in " + result);
  }

  private UUID job(String tenant, String user, String foundType) throws Exception {
    UUID id = UUID.randomUUID();
    String result =
        foundType == null
            ? "{\"protection\": {\"policy_version\": 0, \"found\": []}}"
            : "{\"protection\": {\"policy_version\": 0, \"found\": [{\"data_type\": \""
                + foundType
                + "\", \"action\": \"ALLOW\", \"count\": 1}]}}";
    exec(
        "insert into jobs (id, tenant_id, user_id, status, request, result) values (?, ?, ?,"
            + " 'completed', '{}'::jsonb, ?::jsonb)",
        id,
        tenant,
        user,
        result);
    return id;
  }

  private UUID memory(
      String tenant,
      String user,
      String agent,
      String session,
      Instant created,
      Instant expires,
      UUID job)
      throws Exception {
    UUID id = UUID.randomUUID();
    exec(
        "insert into memories (id, tenant_id, user_id, agent_id, session_id, content,"
            + " normalized_content, type, importance, version, valid_from, created_at,"
            + " updated_at, expires_at, provenance) values (?, ?, ?, ?, ?, 'likes tea', 'likes"
            + " tea', 'preference', 0.5, 1, ?, ?, ?, ?, jsonb_build_object('job_id', ?::text))",
        id,
        tenant,
        user,
        agent,
        session,
        Timestamp.from(created),
        Timestamp.from(created),
        Timestamp.from(created),
        expires == null ? null : Timestamp.from(expires),
        job == null ? null : job.toString());
    exec(
        "insert into memory_history (memory_id, tenant_id, version, reason, content, actor) values"
            + " (?, ?, 1, 'extracted', 'likes tea', 'test')",
        id,
        tenant);
    return id;
  }

  private boolean exists(UUID memory) throws Exception {
    return count("select count(*) from memories where id = ?::uuid", memory.toString()) == 1;
  }

  private long count(String sql, String arg) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, UUID.fromString(arg));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private void exec(String sql, Object... args) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
