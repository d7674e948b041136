package io.membank.cost.budget;

import static io.membank.cost.CostTestSupport.OPERATOR;
import static io.membank.cost.CostTestSupport.admin;
import static io.membank.cost.CostTestSupport.newTenant;
import static io.membank.cost.CostTestSupport.reader;
import static io.membank.cost.CostTestSupport.usage;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.State;
import io.membank.contracts.Topics;
import io.membank.cost.ledger.UsageConsumer;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Budgets on real PostgreSQL and Kafka: each threshold publishes a decision on the compacted topic,
 * and a period rollover or a raised budget returns the tenant to normal.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class BudgetTest {

  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

  @Inject UsageConsumer consumer;
  @Inject BudgetEvaluator evaluator;
  @Inject BudgetTopic topic;

  @Test
  void decisionsTravelOnACompactedTopic() {
    assertThat(topic.cleanupPolicy()).isEqualTo("compact");
  }

  @Test
  void spendPastEachThresholdWarnsThenDegradesThenStopsAndTheNextDayIsNormalAgain() {
    String tenant = newTenant();
    setDailyBudget(tenant, "1.00", "gpt-4o-mini");

    // gpt-4o: $2.50 input per 1M tokens → 240k input tokens = $0.60
    spend(tenant, 240_000);
    assertThat(decision(tenant, 1).state()).isEqualTo(State.WARN);
    spend(tenant, 100_000); // $0.85 in all
    BudgetDecision degrade = decision(tenant, 2);
    assertThat(degrade.state()).isEqualTo(State.DEGRADE);
    assertThat(degrade.degradeModel()).isEqualTo("gpt-4o-mini");
    assertThat(degrade.spentUsd()).isEqualTo(0.85);
    spend(tenant, 100_000); // $1.10
    assertThat(decision(tenant, 3).state()).isEqualTo(State.STOP);
    given()
        .header("Authorization", reader(tenant))
        .get("/api/v1/cost/budgets/state")
        .then()
        .statusCode(200)
        .body("state", equalTo("stop"))
        .body("version", equalTo(3));

    // Nothing changes while the day lasts...
    assertThat(evaluator.evaluate(tenant, NOW)).isEmpty();
    // ...and the next UTC day starts with nothing spent.
    Optional<BudgetDecision> rolledOver =
        evaluator.evaluate(tenant, NOW.truncatedTo(ChronoUnit.DAYS).plusDays(1).plusMinutes(1));
    assertThat(rolledOver).map(BudgetDecision::state).contains(State.NORMAL);
    assertThat(decision(tenant, 4).state()).isEqualTo(State.NORMAL);
    KafkaTestClient.awaitRecord(
        Topics.AUDIT_EVENTS,
        node ->
            node.path("data").path("resource").path("type").asText().equals("budget-state")
                && node.path("data").path("tenant_id").asText().equals(tenant)
                && node.path("data").path("details").path("state").asText().equals("stop"));
  }

  @Test
  void anAdminRaisingTheBudgetReturnsAStoppedTenantToNormal() {
    String tenant = newTenant();
    setDailyBudget(tenant, "0.10", null);
    spend(tenant, 100_000); // $0.25
    BudgetDecision stop = decision(tenant, 1);
    assertThat(stop.state()).isEqualTo(State.STOP);
    assertThat(stop.degradeModel()).isNull();

    setDailyBudget(tenant, "100", null);

    assertThat(decision(tenant, 2).state()).isEqualTo(State.NORMAL);
  }

  @Test
  void aGlobalBudgetIsSetByOperatorAdminsOnlyAndAppliesToEveryTenant() {
    String tenant = newTenant();
    given()
        .header("Authorization", admin(tenant))
        .contentType("application/json")
        .body(Map.of("limit_usd", 1))
        .put("/api/v1/cost/budgets/global/monthly")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", admin(tenant))
        .contentType("application/json")
        .body(Map.of("limit_usd", 1, "warn_at", 0.9, "degrade_at", 0.5))
        .put("/api/v1/cost/budgets/daily")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    try {
      given()
          .header("Authorization", admin(OPERATOR))
          .contentType("application/json")
          .body(Map.of("limit_usd", 0.0001))
          .put("/api/v1/cost/budgets/global/monthly")
          .then()
          .statusCode(200)
          .body("tenant_id", equalTo(null));
      spend(tenant, 1000);
      assertThat(decision(tenant, 1).state()).isEqualTo(State.STOP);
    } finally {
      given()
          .header("Authorization", admin(OPERATOR))
          .delete("/api/v1/cost/budgets/global/monthly")
          .then()
          .statusCode(204);
    }
    evaluator.evaluate(tenant, NOW);
    assertThat(decision(tenant, 2).state()).isEqualTo(State.NORMAL);
  }

  private void spend(String tenant, long tokensIn) {
    consumer.consume(usage(tenant, NOW, "openai", "gpt-4o", "extract", tokensIn, 0));
  }

  private static void setDailyBudget(String tenant, String limit, String degradeModel) {
    Map<String, Object> body =
        degradeModel == null
            ? Map.of("limit_usd", limit, "warn_at", 0.5, "degrade_at", 0.8, "stop_at", 1.0)
            : Map.of(
                "limit_usd", limit,
                "warn_at", 0.5,
                "degrade_at", 0.8,
                "stop_at", 1.0,
                "degrade_model", degradeModel);
    given()
        .header("Authorization", admin(tenant))
        .contentType("application/json")
        .body(body)
        .put("/api/v1/cost/budgets/daily")
        .then()
        .statusCode(200)
        .body("period", equalTo("daily"));
  }

  /** The decision of that version, as published on cost.budgets. */
  private static BudgetDecision decision(String tenant, long version) {
    JsonNode record =
        KafkaTestClient.awaitRecord(
            Topics.COST_BUDGETS,
            node ->
                node.path("tenantid").asText().equals(tenant)
                    && node.path("data").path("version").asLong() == version);
    try {
      return io.membank.contracts.EventJson.newMapper()
          .treeToValue(record.path("data"), BudgetDecision.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
