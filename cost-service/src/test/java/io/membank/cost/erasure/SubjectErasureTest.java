package io.membank.cost.erasure;

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
                        erasure, tenant, "anna", "request", 1, OffsetDateTime.now()))));
    JsonNode confirmed =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_RESULTS,
            n ->
                erasure.equals(n.path("data").path("erasure_id").asText())
                    && "cost-service".equals(n.path("data").path("service").asText()));

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
  void a_poison_request_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_REQUESTS, "x", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.requests.dlq.cost-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
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
