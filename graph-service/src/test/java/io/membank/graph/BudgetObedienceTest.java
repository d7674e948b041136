package io.membank.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.State;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import io.membank.llm.budget.TenantBudgets;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.Neo4jResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.membank.testkit.llm.OpenAiStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entity extraction obeys cost.budgets: degrade → the cheaper model, stop → the built-in rules. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Neo4jResource.class)
@WithTestResource(OpenAiStandIn.class)
class BudgetObedienceTest {

  @Inject TenantBudgets budgets;

  private String tenant;

  @BeforeEach
  void setUp() throws Exception {
    OpenAiStandIn.server().resetAll();
    OpenAiExtractionTest.modelAnswers(
        "{\"entities\":[{\"name\":\"Kyoto\",\"type\":\"place\",\"confidence\":0.9}],"
            + "\"relations\":[{\"source\":\"USER\",\"relation\":\"LIVES_IN\",\"target\":\"Kyoto\","
            + "\"strength\":0.9}]}");
    tenant = "budget-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void degradeUsesTheCheaperModelAndStopCallsNoModel() throws Exception {
    decide(State.DEGRADE, 1);
    String cheap = GraphFixtures.id();
    publishMemory(cheap, "I moved to Kyoto");
    JsonNode usage = OpenAiExtractionTest.usageOf(cheap);
    assertThat(usage.path("data").path("model").asText()).isEqualTo("gpt-test-mini");
    OpenAiStandIn.server()
        .verify(
            1,
            postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test-mini"))));

    decide(State.STOP, 2);
    String user = GraphFixtures.user();
    publishMemory(user, GraphFixtures.id(), "I work at Starbucks");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> entities(user).contains("Starbucks"));
    OpenAiStandIn.server()
        .verify(
            0,
            postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Starbucks")));
  }

  private void publishMemory(String memory, String content) throws Exception {
    publishMemory(GraphFixtures.user(), memory, content);
  }

  private void publishMemory(String user, String memory, String content) throws Exception {
    MemoryEvent e = GraphFixtures.created(user, memory, content);
    MemoryEvent mine =
        new MemoryEvent(
            e.memoryId(),
            tenant,
            e.userId(),
            e.agentId(),
            e.sessionId(),
            e.operation(),
            e.version(),
            e.content(),
            e.type(),
            e.importance(),
            e.entities(),
            e.metadata(),
            e.validFrom(),
            e.validTo(),
            e.createdAt(),
            e.updatedAt(),
            e.provenance());
    GraphFixtures.publish(mine);
  }

  private List<String> entities(String user) {
    return given()
        .auth()
        .oauth2(TestTokens.token(tenant, "app-1", "reader"))
        .get("/api/v1/users/" + user + "/entities")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("entities.name");
  }

  /** Publishes a decision as cost-service does and waits until the service holds it. */
  private void decide(State state, long version) throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    BudgetDecision decision =
        new BudgetDecision(
            tenant,
            state,
            null,
            BudgetDecision.Period.MONTHLY,
            now.withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC),
            9.5,
            10.0,
            version,
            now,
            "test decision");
    KafkaTestClient.send(
        Topics.COST_BUDGETS,
        tenant,
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.COST_BUDGET_DECIDED, "/cost-service", tenant, tenant, decision)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> budgets.decisionOf(tenant).map(BudgetDecision::version).orElse(0L) >= version);
  }
}
