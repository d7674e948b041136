package io.membank.memory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.State;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.llm.budget.TenantBudgets;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.membank.testkit.llm.OpenAiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The extractor obeys cost.budgets: decisions are published on the real topic (as cost-service
 * does), jobs run against the OpenAI-compatible stand-in, and the job results show the state and
 * the extractor each one ran with.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OpenAiStandIn.class)
class BudgetObedienceTest {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final String FACTS =
      "{\"facts\":[{\"content\":\"Lives in Kyoto\",\"type\":\"personal_info\","
          + "\"importance\":0.8,\"entities\":[\"Kyoto\"],\"slot\":\"lives_in\","
          + "\"slot_value\":\"kyoto\"}]}";
  private static final int JOBS_DURING_STOP = 100;

  @Inject TenantBudgets budgets;
  @Inject AgroalDataSource db;

  private String tenant;
  private String writer;

  @BeforeEach
  void setUp() throws Exception {
    OpenAiStandIn.server().resetAll();
    OpenAiStandIn.server()
        .stubFor(
            post(urlEqualTo("/v1/chat/completions"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(OpenAiExtractionTest.completion(FACTS))));
    tenant = "budget-" + UUID.randomUUID().toString().substring(0, 8);
    writer = TestTokens.token(tenant, "app-1", "writer", "reader");
  }

  @Test
  void eachBudgetStateChangesTheExtractorAndNoWriteIsLost() {
    assertUsage(runJob(), "normal", "model", "gpt-test");
    assertModelCalls("gpt-test", 1);

    publish(State.WARN, null, 1);
    assertUsage(runJob(), "warn", "model", "gpt-test");
    assertModelCalls("gpt-test", 2);

    publish(State.DEGRADE, null, 2);
    JsonPath degraded = runJob();
    assertUsage(degraded, "degrade", "degraded_model", "gpt-test-mini");
    assertThat(degraded.getLong("result.usage.tokens_in")).isEqualTo(321);
    assertModelCalls("gpt-test-mini", 1);

    publish(State.DEGRADE, "budget-mini", 3);
    assertUsage(runJob(), "degrade", "degraded_model", "budget-mini");
    assertModelCalls("budget-mini", 1);

    publish(State.STOP, null, 4);
    int callsBefore = OpenAiStandIn.server().getAllServeEvents().size();
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS_DURING_STOP; i++) {
      jobs.add(MemoryApiTest.add(writer, "user-" + (i % 10), "I live in city number " + i + "."));
    }
    for (String id : jobs) {
      JsonPath job = MemoryApiTest.awaitJob(writer, id);
      assertThat(job.getString("status")).as("job %s", id).isEqualTo("completed");
      assertUsage(job, "stop", "builtin", "rules-v2");
      assertThat(job.getInt("result.usage.model_calls")).isZero();
      assertThat(job.getList("result.decisions")).isNotEmpty();
    }
    assertThat(OpenAiStandIn.server().getAllServeEvents()).hasSize(callsBefore);

    publish(State.NORMAL, null, 5);
    assertUsage(runJob(), "normal", "model", "gpt-test");
  }

  @Test
  void aChangeOfStateIsAuditedOnceAndStaleOrRepeatedDecisionsAreIgnored() throws Exception {
    publish(State.WARN, null, 1);
    publish(State.STOP, null, 2);
    publish(State.STOP, null, 3); // same state, new version: obeyed, not audited again
    publish(State.WARN, null, 2); // stale: ignored
    publish(State.NORMAL, null, 4);

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(auditedStates()).containsExactly("warn", "stop", "normal"));
    assertThat(budgets.decisionOf(tenant).orElseThrow().version()).isEqualTo(4);
  }

  @Test
  void anUnreadableDecisionGoesToTheDeadLetterTopic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(
        Topics.COST_BUDGETS, tenant, "{\"type\":\"not-a-decision\",\"id\":\"" + marker + "\"}");

    var dead =
        KafkaTestClient.awaitRecord(
            Topics.deadLetter(Topics.COST_BUDGETS, "memory-service"),
            n -> marker.equals(n.path("id").asText()));

    assertThat(dead.path("type").asText()).isEqualTo("not-a-decision");
    // The consumer goes on: a good decision after the poison one is obeyed.
    publish(State.WARN, null, 1);
  }

  /** Publishes a decision as cost-service does and waits until the service holds it. */
  private void publish(State state, String degradeModel, long version) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    BudgetDecision decision =
        new BudgetDecision(
            tenant,
            state,
            degradeModel,
            BudgetDecision.Period.DAILY,
            now.toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC),
            state == State.NORMAL ? 0.1 : 9.5,
            10.0,
            version,
            now,
            "test decision");
    try {
      KafkaTestClient.send(
          Topics.COST_BUDGETS,
          tenant,
          JSON.writeValueAsString(
              CloudEvent.of(
                  EventTypes.COST_BUDGET_DECIDED, "/cost-service", tenant, tenant, decision)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> budgets.decisionOf(tenant).map(BudgetDecision::version).orElse(0L) >= version);
  }

  private JsonPath runJob() {
    return MemoryApiTest.awaitJob(
        writer, MemoryApiTest.add(writer, "user-" + UUID.randomUUID(), "I just moved to Kyoto."));
  }

  private static void assertUsage(JsonPath job, String state, String extractor, String model) {
    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(job.getString("result.usage.budget_state")).isEqualTo(state);
    assertThat(job.getString("result.usage.extractor")).isEqualTo(extractor);
    assertThat(job.getString("result.usage.model")).isEqualTo(model);
    assertThat(job.getString("result.usage.fallback")).as("the model answered").isNull();
  }

  private static void assertModelCalls(String model, int expected) {
    OpenAiStandIn.server()
        .verify(
            expected,
            postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(
                    matchingJsonPath(
                        "$.model",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo(model))));
  }

  /** The budget states audited for the tenant, in order (from the outbox). */
  private List<String> auditedStates() throws Exception {
    List<String> states = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                """
                select payload -> 'data' -> 'details' ->> 'state' from outbox
                where topic = ? and message_key = ?
                  and payload -> 'data' -> 'resource' ->> 'type' = 'budget-state'
                order by created_at
                """)) {
      q.setString(1, Topics.AUDIT_EVENTS);
      q.setString(2, tenant);
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          states.add(rows.getString(1));
        }
      }
    }
    return states;
  }
}
