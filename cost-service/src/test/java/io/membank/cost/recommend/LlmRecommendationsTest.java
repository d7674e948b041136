package io.membank.cost.recommend;

import static io.membank.cost.CostTestSupport.OPERATOR;
import static io.membank.cost.CostTestSupport.admin;
import static io.membank.cost.CostTestSupport.newTenant;
import static io.membank.cost.CostTestSupport.reader;
import static io.membank.cost.CostTestSupport.usage;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.membank.contracts.Topics;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LLM recommendations on a seeded ledger (real Kafka and PostgreSQL): one of each kind with the
 * savings the seeded usage gives, largest first. All usage lies within the last day, so a month is
 * 30 times it.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class LlmRecommendationsTest {

  /** A 5-minute slot boundary two hours ago: the burst below lies within one slot. */
  private static final OffsetDateTime BASE =
      OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(2);

  @Test
  void oneOfEachKindWithItsMonthlySavingsLargestFirst() {
    String tenant = newTenant();
    seed(tenant);

    List<Map<String, Object>> recommendations =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> list(tenant).getList("$"), r -> r.size() == 5);
    JsonPath body = list(tenant);

    // gpt-4o decide, 0.4M in / 0.1M out: $2.00; on gpt-4o-mini $0.12; × 30 = $56.40
    Map<String, Object> cheaper = find(recommendations, "cheaper_model", "decide/openai/gpt-4o");
    assertThat(money(cheaper)).isEqualByComparingTo("56.40");
    assertThat(cheaper.get("risk")).isEqualTo("medium");
    assertThat(cheaper.get("detail").toString()).contains("MMLU 82.0%");
    assertThat(figures(cheaper))
        .containsEntry("alternative", "openai/gpt-4o-mini")
        .containsEntry("cost_usd", 2.0f)
        .containsEntry("alternative_cost_usd", 0.12f);
    assertThat(evidence(cheaper).get("queries").toString()).contains("usage_cost(");

    // 10 calls of one user in one slot, batched: 9 × 4000 fixed tokens × $0.15/M × 30 = $0.162
    Map<String, Object> batching = find(recommendations, "batching", "extract/openai/gpt-4o-mini");
    assertThat(money(batching)).isEqualByComparingTo("0.16");
    assertThat(figures(batching))
        .containsEntry("calls_in_bursts", 10)
        .containsEntry("bursts", 1)
        .containsEntry("users", 1)
        .containsEntry("fixed_prompt_tokens_estimate", 4000);

    // 3 identical prompts: 2 repeats × (5000 × 0.15 + 500 × 0.60)/M × 30 = $0.063; 2 of 13
    Map<String, Object> caching = find(recommendations, "caching", "extract/openai/gpt-4o-mini");
    assertThat(money(caching)).isEqualByComparingTo("0.06");
    assertThat(figures(caching))
        .containsEntry("calls_with_prompt_hash", 13)
        .containsEntry("repeats_within_ttl", 2)
        .containsEntry("repeat_share", 0.1538f);

    // one 20000-token prompt: 12000 beyond 8000 × $0.15/M × 30 = $0.054
    Map<String, Object> efficiency =
        find(recommendations, "prompt_efficiency", "extract/openai/gpt-4o-mini");
    assertThat(money(efficiency)).isEqualByComparingTo("0.05");
    assertThat(figures(efficiency))
        .containsEntry("long_calls", 1)
        .containsEntry("tokens_beyond_limit", 12000)
        .containsEntry("max_tokens_in", 20000);
    // gpt-4o decide, 400000 tokens: 392000 beyond × $2.50/M × 30 = $29.40
    assertThat(money(find(recommendations, "prompt_efficiency", "decide/openai/gpt-4o")))
        .isEqualByComparingTo("29.40");

    assertThat(body.getList("monthly_savings_usd", Float.class))
        .containsExactly(56.40f, 29.40f, 0.16f, 0.06f, 0.05f);
    assertThat(body.getList("kind", String.class)).containsOnly("llm");
    assertThat(body.getList("apply")).containsOnlyNulls();
  }

  @Test
  void anotherTenantSeesNoneOfItAndCloudAndApplyBelongToApprovedOperators() {
    String tenant = newTenant();
    KafkaTestClient.send(
        Topics.LLM_USAGE,
        tenant,
        usage(
            "ev-" + tenant,
            tenant,
            BASE,
            "openai",
            "gpt-4o",
            "decide",
            400_000,
            100_000,
            null,
            null));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> list(tenant).getList("$").size(), n -> n > 0);

    assertThat(list(newTenant()).getList("$")).isEmpty();
    given()
        .header("Authorization", reader(tenant))
        .queryParam("kind", "cloud")
        .get("/api/v1/cost/recommendations")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", reader(tenant))
        .queryParam("kind", "gpu")
        .get("/api/v1/cost/recommendations")
        .then()
        .statusCode(400);
    String id = list(tenant).getString("[0].id");
    given()
        .header("Authorization", admin(tenant))
        .post("/api/v1/cost/recommendations/{id}/apply", id)
        .then()
        .statusCode(403);
    // the operator has not approved changes in tests: nothing reaches a cluster
    given()
        .header("Authorization", admin(OPERATOR))
        .post("/api/v1/cost/recommendations/{id}/apply", "cloud-0123456789abcdef")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://membank.io/problems/apply-not-approved"));
    given()
        .header("Authorization", admin(OPERATOR))
        .post("/api/v1/cost/recommendations/{id}/apply", "not an id")
        .then()
        .statusCode(400);
  }

  private static void seed(String tenant) {
    send(tenant, "decide", "gpt-4o", BASE, 400_000, 100_000, null, null);
    for (int i = 0; i < 10; i++) {
      send(
          tenant,
          "extract",
          "gpt-4o-mini",
          BASE.plusSeconds(10L * i),
          4000,
          100,
          "u-1",
          sha256("burst " + i));
    }
    String repeated = sha256("the same exchange, three times");
    for (int i = 1; i <= 3; i++) {
      send(tenant, "extract", "gpt-4o-mini", BASE.plusMinutes(10L * i), 5000, 500, null, repeated);
    }
    send(tenant, "extract", "gpt-4o-mini", BASE.plusMinutes(40), 20_000, 200, null, null);
  }

  private static void send(
      String tenant,
      String operation,
      String model,
      OffsetDateTime at,
      long in,
      long out,
      String user,
      String hash) {
    KafkaTestClient.send(
        Topics.LLM_USAGE,
        tenant,
        usage(
            java.util.UUID.randomUUID().toString(),
            tenant,
            at,
            "openai",
            model,
            operation,
            in,
            out,
            user,
            hash));
  }

  /** What memory-service puts in prompt_hash (the services use io.membank.llm.PromptHash). */
  private static String sha256(String prompt) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonPath list(String tenant) {
    return given()
        .header("Authorization", reader(tenant))
        .queryParam("kind", "llm")
        .get("/api/v1/cost/recommendations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> find(
      List<Map<String, Object>> recommendations, String type, String subject) {
    return recommendations.stream()
        .filter(r -> type.equals(r.get("type")) && subject.equals(r.get("subject")))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + type + " " + subject + " in " + recommendations));
  }

  private static BigDecimal money(Map<String, Object> r) {
    return new BigDecimal(r.get("monthly_savings_usd").toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> evidence(Map<String, Object> r) {
    return (Map<String, Object>) r.get("evidence");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> figures(Map<String, Object> r) {
    return (Map<String, Object>) evidence(r).get("figures");
  }
}
