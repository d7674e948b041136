package io.membank.memory.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
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
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A subject's memories, history, jobs and batches are erased on a governance request, confirmed
 * with counts on governance.results; another subject and the same id in another tenant stay.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class SubjectErasureTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void a_request_erases_the_subject_only_and_a_repeat_confirms_zeros() throws Exception {
    String tenant = "er-" + UUID.randomUUID().toString().substring(0, 8);
    String other = tenant + "-b";
    String subject = "anna";
    seed(tenant, subject, 3);
    seed(tenant, "bob", 2);
    seed(other, subject, 1);
    String erasure = UUID.randomUUID().toString();

    send(new ErasureRequested(erasure, tenant, subject, "request", 1, OffsetDateTime.now()));
    JsonNode first = confirmation(erasure, 1);

    assertThat(store(first, "postgres:membank_memory.memories").path("before").asLong())
        .isEqualTo(3);
    assertThat(store(first, "postgres:membank_memory.memory_history").path("before").asLong())
        .isEqualTo(3);
    assertThat(store(first, "postgres:membank_memory.jobs").path("before").asLong()).isEqualTo(3);
    assertThat(store(first, "postgres:membank_memory.batches").path("before").asLong())
        .isEqualTo(1);
    first
        .path("data")
        .path("stores")
        .forEach(
            s -> {
              assertThat(s.path("after").asLong()).as(s.toString()).isZero();
              assertThat(s.path("remaining").asLong()).as(s.toString()).isZero();
            });
    assertThat(
            count(
                "select count(*) from memories where tenant_id = ? and user_id = ?",
                tenant,
                subject))
        .isZero();
    assertThat(
            count("select count(*) from jobs where tenant_id = ? and user_id = ?", tenant, subject))
        .isZero();
    assertThat(
            count(
                "select count(*) from memories where tenant_id = ? and user_id = ?", tenant, "bob"))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from memories where tenant_id = ? and user_id = ?",
                other,
                subject))
        .isEqualTo(1);
    assertThat(
            count("select count(*) from jobs where tenant_id = ? and user_id = ?", other, subject))
        .isEqualTo(1);

    send(new ErasureRequested(erasure, tenant, subject, "request", 2, OffsetDateTime.now()));
    JsonNode again = confirmation(erasure, 2);
    again
        .path("data")
        .path("stores")
        .forEach(s -> assertThat(s.path("before").asLong()).as(s.toString()).isZero());
  }

  @Test
  void a_poison_request_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_REQUESTS, "x", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.requests.dlq.memory-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
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

  private static JsonNode confirmation(String erasure, int attempt) {
    return KafkaTestClient.awaitRecord(
        Topics.GOVERNANCE_RESULTS,
        n ->
            erasure.equals(n.path("data").path("erasure_id").asText())
                && "memory-service".equals(n.path("data").path("service").asText())
                && n.path("data").path("attempt").asInt() == attempt);
  }

  private static JsonNode store(JsonNode confirmation, String name) {
    for (JsonNode s : confirmation.path("data").path("stores")) {
      if (name.equals(s.path("store").asText())) {
        return s;
      }
    }
    throw new AssertionError("no store " + name + " in " + confirmation);
  }

  private void seed(String tenant, String user, int memories) throws Exception {
    UUID batch = UUID.randomUUID();
    try (Connection c = dataSource.getConnection()) {
      exec(
          c,
          "insert into batches (id, tenant_id, user_id, job_count, options) values (?, ?, ?, ?,"
              + " '{}')",
          batch,
          tenant,
          user,
          memories);
      for (int i = 0; i < memories; i++) {
        UUID job = UUID.randomUUID();
        UUID memory = UUID.randomUUID();
        exec(
            c,
            "insert into jobs (id, tenant_id, user_id, batch_id, status, request) values (?, ?, ?,"
                + " ?, 'completed', jsonb_build_object('user_id', ?::text, 'content', 'secret'))",
            job,
            tenant,
            user,
            batch,
            user);
        exec(
            c,
            "insert into memories (id, tenant_id, user_id, content, normalized_content, type,"
                + " importance, version, valid_from, created_at, updated_at) values (?, ?, ?,"
                + " 'likes tea', 'likes tea', 'preference', 0.5, 1, now(), now(), now())",
            memory,
            tenant,
            user);
        exec(
            c,
            "insert into memory_history (memory_id, tenant_id, version, reason, content, job_id,"
                + " actor) values (?, ?, 1, 'extracted', 'likes tea', ?, 'test')",
            memory,
            tenant,
            job);
      }
    }
  }

  private long count(String sql, String tenant, String user) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      s.setString(2, user);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static void exec(Connection c, String sql, Object... args) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
