package io.membank.cost.ledger;

import static io.membank.cost.CostTestSupport.OPERATOR;
import static io.membank.cost.CostTestSupport.admin;
import static io.membank.cost.CostTestSupport.newTenant;
import static io.membank.cost.CostTestSupport.reader;
import static io.membank.cost.CostTestSupport.usage;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.membank.contracts.Topics;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger on real Kafka and PostgreSQL: pricing, idempotency, dead letters, re-pricing. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class LedgerTest {

  @TestHTTPResource(value = "/", management = true)
  URL management;

  /** Start of the current UTC day, so reports of "this month" include the test's usage. */
  private static final OffsetDateTime TODAY =
      OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);

  @Test
  void usageFromKafkaIsPricedOnceAndTheApiJsonAndCsvAgreeToTheCent() {
    String tenant = newTenant();
    OffsetDateTime at = TODAY.plusMinutes(5);
    // gpt-4o-mini: $0.15 input, $0.60 output per 1M tokens (V3__seed_prices.sql).
    String first =
        usage(
            "ev-" + tenant + "-1",
            tenant,
            at,
            "openai",
            "gpt-4o-mini",
            "extract",
            1_200_000,
            300_000);
    KafkaTestClient.send(Topics.LLM_USAGE, tenant, first);
    KafkaTestClient.send(Topics.LLM_USAGE, tenant, first); // redelivered: recorded once
    KafkaTestClient.send(
        Topics.LLM_USAGE,
        tenant,
        usage(tenant, at.plusMinutes(1), "openai", "gpt-4o", "decide", 400_000, 100_000));

    // 1.2M × 0.15 + 0.3M × 0.60 = 0.18 + 0.18 = $0.36; 0.4M × 2.50 + 0.1M × 10 = 1 + 1 = $2.00
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                today(tenant)
                    .get("/api/v1/cost/usage")
                    .then()
                    .statusCode(200)
                    .body("total_calls", equalTo(2)));

    JsonPath report =
        today(tenant)
            .queryParam("group_by", "operation,model")
            .get("/api/v1/cost/usage")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(new BigDecimal(report.getString("total_cost_usd"))).isEqualByComparingTo("2.36");
    assertThat(report.getList("rows.model")).containsExactly("gpt-4o", "gpt-4o-mini");
    assertThat(new BigDecimal(report.getString("rows[1].cost_usd"))).isEqualByComparingTo("0.36");
    assertThat(report.getLong("rows[1].tokens_in")).isEqualTo(1_200_000);

    String csv =
        today(tenant)
            .header("Accept", "text/csv")
            .queryParam("group_by", "operation,model")
            .get("/api/v1/cost/usage")
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asString();
    assertThat(csv.split("\r\n"))
        .containsExactly(
            "operation,model,calls,tokens_in,tokens_out,cost_usd",
            "decide,gpt-4o,1,400000,100000,2.0000000000",
            "extract,gpt-4o-mini,1,1200000,300000,0.3600000000");
  }

  @Test
  void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndTheNextOneIsStillRecorded() {
    String tenant = newTenant();
    KafkaTestClient.send(Topics.LLM_USAGE, tenant, "{\"poison\": " + tenant.hashCode() + "}");
    KafkaTestClient.send(
        Topics.LLM_USAGE,
        tenant,
        usage(tenant, TODAY.plusMinutes(1), "openai", "gpt-4o-mini", "extract", 1000, 10));

    KafkaTestClient.awaitRecord(
        Topics.deadLetter(Topics.LLM_USAGE, "cost-service"),
        node -> node.path("poison").asInt() == tenant.hashCode());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> today(tenant).get("/api/v1/cost/usage").then().body("total_calls", equalTo(1)));
  }

  @Test
  void aNewPriceAppliesFromItsInstantAndRepricingAPeriodIsAudited() {
    String tenant = newTenant();
    String model = "m-" + tenant;
    OffsetDateTime before = TODAY.plusHours(1);
    OffsetDateTime after = TODAY.plusHours(3);
    // No price yet: recorded unpriced, at $0.
    send(usage(tenant, before, "acme-llm", model, "extract", 1_000_000, 1_000_000));
    awaitCalls(tenant, 1);

    addPrice(model, "1.00", "2.00", TODAY.plusHours(2));
    send(usage(tenant, after, "acme-llm", model, "extract", 1_000_000, 1_000_000));
    awaitCalls(tenant, 2);
    // Only the later call is in the new price's time: $1 + $2.
    assertThat(total(tenant)).isEqualByComparingTo("3.00");

    // A price back-dated to before the first call, then that period re-priced.
    addPrice(model, "0.50", "0.50", TODAY);
    JsonPath repriced =
        given()
            .header("Authorization", admin(OPERATOR))
            .contentType("application/json")
            .body(Map.of("from", TODAY.toString(), "to", TODAY.plusHours(2).toString()))
            .post("/api/v1/cost/prices/reprice")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(repriced.getLong("events")).isPositive();
    // First call now $0.50 + $0.50; the later one keeps $3 (outside the period, and its own
    // price is still the one in force at its time).
    assertThat(total(tenant)).isEqualByComparingTo("4.00");
    KafkaTestClient.awaitRecord(
        Topics.AUDIT_EVENTS,
        node ->
            node.path("data").path("resource").path("type").asText().equals("usage-period")
                && node.path("data")
                    .path("details")
                    .path("from")
                    .asText()
                    .equals(TODAY.toString()));
    KafkaTestClient.awaitRecord(
        Topics.AUDIT_EVENTS,
        node -> node.path("data").path("resource").path("id").asText().equals("acme-llm/" + model));
  }

  @Test
  void callersSeeOnlyTheirTenantAndOnlyOperatorAdminsChangePrices() {
    String tenant = newTenant();
    send(usage(tenant, TODAY.plusMinutes(2), "openai", "gpt-4o-mini", "extract", 1000, 10));
    awaitCalls(tenant, 1);
    String other = newTenant();

    given()
        .header("Authorization", reader(other))
        .get("/api/v1/cost/usage")
        .then()
        .statusCode(200)
        .body("total_calls", equalTo(0));
    given()
        .header("Authorization", reader(other))
        .get("/api/v1/cost/tenants/" + tenant + "/summary")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("Authorization", reader(tenant))
        .get("/api/v1/cost/tenants/" + tenant + "/summary")
        .then()
        .statusCode(200)
        .body("month_calls", equalTo(1));
    given()
        .header("Authorization", admin(tenant))
        .contentType("application/json")
        .body(priceBody("x", "1", "1", TODAY))
        .post("/api/v1/cost/prices")
        .then()
        .statusCode(403);
    given().get("/api/v1/cost/usage").then().statusCode(401);
  }

  @Test
  void badReportParametersAreProblems() {
    String tenant = newTenant();
    given()
        .header("Authorization", reader(tenant))
        .queryParam("group_by", "tenant")
        .get("/api/v1/cost/usage")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .header("Authorization", reader(tenant))
        .queryParam("from", "yesterday")
        .get("/api/v1/cost/usage")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", reader(tenant))
        .queryParam("from", "2026-12-02T00:00:00Z")
        .queryParam("to", "2026-12-01T00:00:00Z")
        .get("/api/v1/cost/usage")
        .then()
        .statusCode(400);
  }

  @Test
  void thePricesInForceListTheSeededModels() {
    List<String> models =
        given()
            .header("Authorization", reader(newTenant()))
            .get("/api/v1/cost/prices")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("model");
    assertThat(models).contains("gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "*");
  }

  @Test
  void spendIsExposedAsPrometheusCounters() {
    String tenant = newTenant();
    send(usage(tenant, TODAY.plusMinutes(3), "openai", "gpt-4o", "graph", 1_000_000, 0));
    awaitCalls(tenant, 1);

    String metrics =
        given()
            .baseUri(
                management.getProtocol()
                    + "://"
                    + management.getHost()
                    + ":"
                    + management.getPort())
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(metrics)
        .contains(
            "llm_cost_usd_total{model=\"gpt-4o\",operation=\"graph\",tenant=\""
                + tenant
                + "\"} 2.5")
        .contains("llm_cost_total{model=\"gpt-4o\",operation=\"graph\",provider=\"openai\"}");
  }

  /** Today's usage (whole UTC day: test events may lie later today than now). */
  private static RequestSpecification today(String tenant) {
    return given()
        .header("Authorization", reader(tenant))
        .queryParam("from", TODAY.toString())
        .queryParam("to", TODAY.plusDays(1).toString());
  }

  private static void send(String record) {
    KafkaTestClient.send(Topics.LLM_USAGE, "k", record);
  }

  private static void awaitCalls(String tenant, int calls) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                today(tenant).get("/api/v1/cost/usage").then().body("total_calls", equalTo(calls)));
  }

  private static BigDecimal total(String tenant) {
    return new BigDecimal(
        today(tenant)
            .get("/api/v1/cost/usage")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("total_cost_usd"));
  }

  private static void addPrice(String model, String input, String output, OffsetDateTime from) {
    given()
        .header("Authorization", admin(OPERATOR))
        .contentType("application/json")
        .body(priceBody(model, input, output, from))
        .post("/api/v1/cost/prices")
        .then()
        .statusCode(201);
  }

  private static Map<String, Object> priceBody(
      String model, String input, String output, OffsetDateTime from) {
    return Map.of(
        "provider",
        "acme-llm",
        "model",
        model,
        "input_usd_per_million",
        new BigDecimal(input),
        "output_usd_per_million",
        new BigDecimal(output),
        "effective_from",
        from.toString());
  }
}
