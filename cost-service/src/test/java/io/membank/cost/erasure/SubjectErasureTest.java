package io.membank.cost.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.cost.CostTestSupport;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * cost-service's part of an erasure: the subject as a budget's last editor is pseudonymized, usage
 * has no person column; the confirmation arrives with counts; poison goes to the dead letters.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class SubjectErasureTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void the_subject_is_pseudonymized_in_its_tenant_only_and_confirmed() throws Exception {
    String tenant = "er-" + UUID.randomUUID().toString().substring(0, 8);
    String other = tenant + "-b";
    budget(tenant, "anna");
    budget(other, "anna");

    JsonNode confirmed = erase(tenant, "anna");

    JsonNode usage = confirmed.path("data").path("stores").get(0);
    JsonNode budget = confirmed.path("data").path("stores").get(1);
    assertThat(usage.path("remaining").asLong()).isZero();
    assertThat(budget.path("before").asLong()).isEqualTo(1);
    assertThat(budget.path("after").asLong()).isZero();
    assertThat(budget.path("remaining").asLong()).isZero();
    assertThat(editor(tenant)).isEqualTo(SubjectErasure.ERASED);
    assertThat(editor(other)).isEqualTo("anna");
  }

  @Test
  void the_ledger_forgets_the_subjects_key_and_keeps_its_usage() throws Exception {
    String tenant = CostTestSupport.newTenant();
    String other = tenant + "-b";
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
    usage(tenant, at, "anna");
    usage(tenant, at, "anna");
    usage(tenant, at, "ben");
    usage(other, at, "anna");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> keyed(tenant) == 3 && keyed(other) == 1);
    String bensKey = rarestKey(tenant); // anna has two calls, ben one

    JsonNode stores = erase(tenant, "anna").path("data").path("stores");

    JsonNode keys = stores.get(2);
    assertThat(keys.path("store").asText()).isEqualTo("postgres:membank_cost.usage_event.user_key");
    assertThat(keys.path("before").asLong()).as("Java's key and SQL's agree").isEqualTo(2);
    assertThat(keys.path("after").asLong()).isZero();
    assertThat(keys.path("remaining").asLong()).isZero();
    assertThat(keyed(tenant)).as("ben keeps his key").isEqualTo(1);
    assertThat(rarestKey(tenant)).isEqualTo(bensKey);
    assertThat(keyed(other)).as("anna of another tenant keeps hers").isEqualTo(1);
    assertThat(rows(tenant)).as("the usage itself stays").isEqualTo(3);
  }

  @Test
  void a_poison_request_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_REQUESTS, "x", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.requests.dlq.cost-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }

  /** Asks for the subject's erasure as governance-service does; returns cost-service's answer. */
  private static JsonNode erase(String tenant, String subject) throws Exception {
    String erasure = UUID.randomUUID().toString();
    KafkaTestClient.send(
        Topics.GOVERNANCE_REQUESTS,
        tenant,
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_ERASURE_REQUESTED,
                    "/test",
                    erasure,
                    tenant,
                    new ErasureRequested(
                        erasure, tenant, subject, "request", 1, OffsetDateTime.now()))));
    return KafkaTestClient.awaitRecord(
        Topics.GOVERNANCE_RESULTS,
        n ->
            erasure.equals(n.path("data").path("erasure_id").asText())
                && "cost-service".equals(n.path("data").path("service").asText()));
  }

  /** One model call of the user, through llm.usage as memory-service reports it. */
  private static void usage(String tenant, OffsetDateTime at, String user) {
    String id = UUID.randomUUID().toString();
    KafkaTestClient.send(
        Topics.LLM_USAGE,
        tenant,
        CostTestSupport.usage(
            id, tenant, at, "openai", "gpt-4o-mini", "extract", 1000, 100, user, null));
  }

  /** The tenant's usage rows that carry a user key. */
  private long keyed(String tenant) throws Exception {
    return count(
        "select count(*) from usage_event where tenant_id = ? and user_key is not null", tenant);
  }

  private long rows(String tenant) throws Exception {
    return count("select count(*) from usage_event where tenant_id = ?", tenant);
  }

  /** The user key with the fewest calls in the tenant's usage. */
  private String rarestKey(String tenant) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select user_key from usage_event where tenant_id = ? and user_key is not null"
                    + " group by user_key order by count(*) limit 1")) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("a user key in %s", tenant).isTrue();
        return r.getString(1);
      }
    }
  }

  private long count(String sql, String tenant) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private void budget(String tenant, String editor) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into budget (id, tenant_id, period, limit_usd, warn_at, degrade_at,"
                    + " stop_at, version, updated_by, updated_at) values (?, ?, 'daily', 10, 0.5,"
                    + " 0.8, 1, 1, ?, now())")) {
      s.setObject(1, UUID.randomUUID());
      s.setString(2, tenant);
      s.setString(3, editor);
      s.executeUpdate();
    }
  }

  private String editor(String tenant) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select updated_by from budget where tenant_id = ?")) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
