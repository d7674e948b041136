package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The priced usage ledger and budgets (issue 18) on the running stack: memory-service extracts with
 * an OpenAI-compatible model — a stand-in in this JVM, wired through {@code
 * .membank/env/memory.env} and {@code bin/membank restart memory}, undone afterwards — so every job
 * makes one model call whose token counts the stand-in chooses. The ledger must hold exactly those
 * tokens, priced with the price in force to the cent (JSON and CSV agree); a tenant budget moves
 * the tenant's jobs to warn, the degrade model, the built-in extractor (stop: no model call,
 * nothing refused) and back. Erasing a user afterwards drops the ledger's pseudonymous key of that
 * user and keeps the totals.
 */
@Order(Integer.MAX_VALUE - 2)
class CostLedgerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "gpt-4o-mini";
  private static final String DEGRADE_MODEL = "gpt-4.1-nano";

  /** One model call the stand-in answered: the model asked for and the usage it reported. */
  record Served(String model, long tokensIn, long tokensOut) {}

  private static final List<Served> SERVED = new CopyOnWriteArrayList<>();
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static HttpServer standIn;
  private static Path envFile;
  private static String envBefore;

  private final String tenant = "e2e-cost-" + UUID.randomUUID().toString().substring(0, 8);
  private final String writer = DevTokens.token(tenant, "e2e-writer", "reader,writer");
  private final String admin = DevTokens.token(tenant, "e2e-admin", "admin,auditor");

  @BeforeAll
  static void pointMemoryServiceAtTheStandIn() throws IOException {
    standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    standIn.createContext("/v1/chat/completions", CostLedgerIT::complete);
    standIn.start();
    envFile = Cli.root().resolve(".membank/env/memory.env");
    envBefore = Files.exists(envFile) ? Files.readString(envFile) : null;
    Files.createDirectories(envFile.getParent());
    Files.writeString(
        envFile,
        (envBefore == null ? "" : envBefore + "\n")
            + String.join(
                "\n",
                "# CostLedgerIT (removed when it ends)",
                "MEMBANK_LLM_EXTRACTOR=openai",
                "MEMBANK_LLM_PROVIDER=openai",
                "MEMBANK_LLM_MODEL=" + MODEL,
                "MEMBANK_LLM_BASE_URL=http://127.0.0.1:" + standIn.getAddress().getPort() + "/v1",
                "MEMBANK_LLM_API_KEY=sk-e2e",
                "MEMBANK_LLM_MAX_RETRIES=0",
                "MEMBANK_LLM_TIMEOUT=60s",
                ""));
    Cli.run(300, "restart", "memory");
  }

  @AfterAll
  static void restoreMemoryService() throws IOException {
    try {
      if (envBefore == null) {
        Files.deleteIfExists(envFile);
      } else {
        Files.writeString(envFile, envBefore);
      }
      Cli.run(300, "restart", "memory");
    } finally {
      standIn.stop(0);
    }
  }

  /**
   * The OpenAI chat-completions answer: one fact, and a usage that differs per call (so a call
   * counted twice or lost shows in the sums).
   */
  private static void complete(HttpExchange exchange) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    int n = CALLS.incrementAndGet();
    Served served =
        new Served(request.path("model").asText(), 200_000L + 137 * n, 50_000L + 11 * n);
    String facts =
        "{\"facts\":[{\"content\":\"Drinks tea variety "
            + n
            + "\",\"type\":\"preference\",\"importance\":0.5,\"entities\":[\"tea\"],"
            + "\"slot\":null,\"slot_value\":null}]}";
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-e2e-" + n).put("object", "chat.completion").put("model", served.model);
    root.putArray("choices")
        .addObject()
        .put("index", 0)
        .put("finish_reason", "stop")
        .putObject("message")
        .put("role", "assistant")
        .put("content", facts);
    root.putObject("usage")
        .put("prompt_tokens", served.tokensIn)
        .put("completion_tokens", served.tokensOut)
        .put("total_tokens", served.tokensIn + served.tokensOut);
    byte[] body = JSON.writeValueAsBytes(root);
    SERVED.add(served);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Test
  void theLedgerHoldsTheModelsTokensPricedToTheCentAndBudgetsDegradeGracefully() {
    String user = "cost-" + UUID.randomUUID().toString().substring(0, 8);
    int servedBefore = SERVED.size();
    List<JsonPath> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(runJob(user, i));
    }
    List<Served> served = List.copyOf(SERVED.subList(servedBefore, SERVED.size()));
    assertThat(served).hasSize(3).allSatisfy(s -> assertThat(s.model()).isEqualTo(MODEL));
    for (JsonPath job : jobs) {
      assertThat(job.getString("result.usage.extractor")).isEqualTo("model");
      assertThat(job.getString("result.usage.model")).isEqualTo(MODEL);
      assertThat(job.getString("result.usage.budget_state")).isEqualTo("normal");
      assertThat(job.getInt("result.usage.model_calls")).isEqualTo(1);
      assertThat(job.getString("result.usage.fallback")).as("the model answered").isNull();
    }
    long tokensIn = served.stream().mapToLong(Served::tokensIn).sum();
    long tokensOut = served.stream().mapToLong(Served::tokensOut).sum();
    assertThat(jobs.stream().mapToLong(j -> j.getLong("result.usage.tokens_in")).sum())
        .isEqualTo(tokensIn);
    assertThat(jobs.stream().mapToLong(j -> j.getLong("result.usage.tokens_out")).sum())
        .isEqualTo(tokensOut);

    // The ledger: the same tokens, priced with the price in force. (search-service adds its
    // in-process embedding of the memories, operation embed, priced at $0.)
    Awaitility.await("cost-service records the three calls")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> modelCallsRecorded() >= 3);
    JsonPath usage = usage("service,provider,model");
    String row = "rows.find { it.service == 'memory-service' }.";
    assertThat(usage.getLong(row + "calls")).isEqualTo(3);
    assertThat(usage.getString(row + "provider")).isEqualTo("openai");
    assertThat(usage.getString(row + "model")).isEqualTo(MODEL);
    assertThat(usage.getLong(row + "tokens_in")).isEqualTo(tokensIn);
    assertThat(usage.getLong(row + "tokens_out")).isEqualTo(tokensOut);
    BigDecimal expected =
        price("input")
            .multiply(BigDecimal.valueOf(tokensIn))
            .add(price("output").multiply(BigDecimal.valueOf(tokensOut)))
            .divide(BigDecimal.valueOf(1_000_000));
    BigDecimal recorded = new BigDecimal(usage.getString(row + "cost_usd"));
    System.out.printf(
        "CostLedgerIT: %d calls, %d tokens in, %d out: ledger $%s, expected $%s%n",
        served.size(), tokensIn, tokensOut, recorded.toPlainString(), expected.toPlainString());
    assertThat(cents(recorded)).isEqualTo(cents(expected));
    assertThat(recorded.subtract(expected).abs()).isLessThan(new BigDecimal("0.000001"));
    assertThat(new BigDecimal(usage.getString("total_cost_usd")))
        .as("the embeddings are in-process, at $0")
        .isEqualByComparingTo(recorded);

    // The CSV export says the same.
    String csv =
        api(writer)
            .get("/api/v1/cost/usage?group_by=service,provider,model&format=csv")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    Map<String, String> csvRow = csvRow(csv, "service", "memory-service");
    assertThat(csvRow.get("model")).isEqualTo(MODEL);
    assertThat(Long.parseLong(csvRow.get("tokens_in"))).isEqualTo(tokensIn);
    assertThat(Long.parseLong(csvRow.get("tokens_out"))).isEqualTo(tokensOut);
    assertThat(cents(new BigDecimal(csvRow.get("cost_usd")))).isEqualTo(cents(expected));
    JsonPath summary = summary();
    assertThat(summary.getLong("month_by_operation.find { it.operation == 'extract' }.calls"))
        .isEqualTo(3);
    assertThat(cents(new BigDecimal(summary.getString("today_usd")))).isEqualTo(cents(expected));

    // Budgets: today's spend against a daily limit of exactly that spend, with thresholds chosen
    // so the ratio (1.0, rising slightly with each call) falls in one state at a time.
    BigDecimal spent = new BigDecimal(summary.getString("today_usd"));
    budget(spent, 0.5, 5, 9, null);
    JsonPath warned = untilJobState(user, "warn");
    assertThat(warned.getString("result.usage.extractor")).isEqualTo("model");
    assertThat(warned.getString("result.usage.model")).isEqualTo(MODEL);

    budget(spent, 0.1, 0.5, 9, DEGRADE_MODEL);
    JsonPath degraded = untilJobState(user, "degrade");
    assertThat(degraded.getString("result.usage.extractor")).isEqualTo("degraded_model");
    assertThat(degraded.getString("result.usage.model")).isEqualTo(DEGRADE_MODEL);
    assertThat(SERVED.getLast().model()).isEqualTo(DEGRADE_MODEL);

    budget(spent, 0.1, 0.2, 0.5, DEGRADE_MODEL);
    untilJobState(user, "stop");
    int callsAtStop = SERVED.size();
    // 100 writes during the stop, one batch (the write tier allows 10 requests/s): every job is
    // completed, by the built-in extractor, and none makes a model call.
    Memories memories = new Memories(writer);
    List<Map<String, Object>> conversations = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      conversations.add(
          Map.of(
              "session_id",
              "stop-" + i,
              "messages",
              List.of(Map.of("role", "user", "content", "I drink tea number " + i + " today."))));
    }
    JsonPath batch =
        memories.batchCompleted(memories.addBatch(user, conversations), Duration.ofSeconds(180));
    assertThat(batch.getInt("job_count")).isEqualTo(100);
    assertThat(batch.getMap("jobs_by_status")).containsOnlyKeys("completed");
    List<String> stopJobs = batch.getList("job_ids");
    for (int i = 0; i < stopJobs.size(); i += 10) {
      JsonPath done = memories.completed(stopJobs.get(i), Duration.ofMillis(300));
      assertThat(done.getString("result.usage.budget_state")).isEqualTo("stop");
      assertThat(done.getString("result.usage.extractor")).isEqualTo("builtin");
      assertThat(done.getInt("result.usage.model_calls")).isZero();
      assertThat(done.getList("result.decisions")).as("the write was processed").isNotEmpty();
    }
    assertThat(SERVED).as("no model call during stop").hasSize(callsAtStop);
    assertThat(budgetState()).isEqualTo("stop");

    // An admin raises the budget: back to normal and to the configured model.
    budget(spent.multiply(BigDecimal.valueOf(1000)), 0.8, 0.9, 1.0, null);
    JsonPath normal = untilJobState(user, "normal");
    assertThat(normal.getString("result.usage.extractor")).isEqualTo("model");
    assertThat(normal.getString("result.usage.model")).isEqualTo(MODEL);
    assertThat(SERVED.size()).isGreaterThan(callsAtStop);

    // Erasing the user: the ledger keeps its totals, the user's pseudonymous key goes.
    long modelCalls = SERVED.size() - servedBefore;
    Awaitility.await("cost-service records every model call of the test")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> modelCallsRecorded() == modelCalls);
    String erasure =
        api(admin)
            .post("/api/v1/governance/subjects/" + user + "/erasure")
            .then()
            .statusCode(202)
            .extract()
            .path("erasure_id");
    Awaitility.await("erasure " + erasure + " completes")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> api(admin).get("/api/v1/governance/erasures/" + erasure).jsonPath(),
            s -> "completed".equals(s.getString("status")));
    JsonPath report =
        api(admin)
            .get("/api/v1/governance/erasures/" + erasure + "/report")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> keys =
        report.getMap(
            "services.find { it.service == 'cost-service' }.stores.find {"
                + " it.store.contains('user_key') }");
    assertThat(keys).as("cost-service reports the ledger's user keys").isNotNull();
    assertThat(((Number) keys.get("before")).longValue()).isEqualTo(modelCalls);
    assertThat(((Number) keys.get("after")).longValue()).isZero();
    assertThat(((Number) keys.get("remaining")).longValue()).isZero();
    assertThat(modelCallsRecorded()).isEqualTo(modelCalls);
  }

  // ------------------------------------------------------------------ helpers

  private RequestSpecification api(String token) {
    return given().baseUri(Stack.current().gatewayUrl()).auth().oauth2(token);
  }

  private JsonPath runJob(String user, int n) {
    Memories memories = new Memories(writer);
    return memories.completed(
        memories.add(user, "I drink tea variety " + n + " every morning."), Duration.ofMillis(300));
  }

  /**
   * Submits a job every few seconds until one runs in the state (memory-service obeys cost.budgets
   * within seconds of the decision); returns that job.
   */
  private JsonPath untilJobState(String user, String state) {
    Awaitility.await("the tenant's budget state is " + state)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> state.equals(budgetState()));
    AtomicInteger n = new AtomicInteger(100);
    return Awaitility.await("memory-service runs jobs in state " + state)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> runJob(user, n.incrementAndGet()),
            j -> state.equals(j.getString("result.usage.budget_state")));
  }

  private void budget(
      BigDecimal limit, double warnAt, double degradeAt, double stopAt, String degradeModel) {
    Map<String, Object> body = new HashMap<>();
    body.put("limit_usd", limit);
    body.put("warn_at", warnAt);
    body.put("degrade_at", degradeAt);
    body.put("stop_at", stopAt);
    if (degradeModel != null) {
      body.put("degrade_model", degradeModel);
    }
    api(admin)
        .contentType("application/json")
        .body(body)
        .put("/api/v1/cost/budgets/daily")
        .then()
        .statusCode(200);
  }

  private String budgetState() {
    return api(writer)
        .get("/api/v1/cost/budgets/state")
        .then()
        .statusCode(200)
        .extract()
        .path("state");
  }

  private JsonPath usage(String groupBy) {
    return api(writer)
        .get("/api/v1/cost/usage?group_by=" + groupBy)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private JsonPath summary() {
    return api(writer)
        .get("/api/v1/cost/tenants/" + tenant + "/summary")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The price of the model's token kind in force now, USD per million tokens. */
  private BigDecimal price(String kind) {
    List<Map<String, Object>> prices =
        api(writer).get("/api/v1/cost/prices").then().statusCode(200).extract().path("$");
    return prices.stream()
        .filter(p -> "openai".equals(p.get("provider")) && MODEL.equals(p.get("model")))
        .filter(p -> kind.equals(p.get("token_kind")))
        .map(p -> new BigDecimal(p.get("usd_per_million").toString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " price for " + MODEL));
  }

  private static BigDecimal cents(BigDecimal usd) {
    return usd.setScale(2, RoundingMode.HALF_UP);
  }

  /** memory-service's model calls in the tenant's ledger. */
  private long modelCallsRecorded() {
    Long calls =
        usage("service")
            .getObject("rows.find { it.service == 'memory-service' }.calls", Long.class);
    return calls == null ? 0 : calls;
  }

  /**
   * The CSV's data row whose {@code column} is {@code value}, by column name (no field of these
   * rows is quoted: names and numbers).
   */
  private static Map<String, String> csvRow(String csv, String column, String value) {
    List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
    String[] names = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        row.put(names[i].strip(), values[i].strip());
      }
      rows.add(row);
    }
    List<Map<String, String>> matching =
        rows.stream().filter(r -> value.equals(r.get(column))).toList();
    assertThat(matching).as("one row with %s=%s in:%n%s", column, value, csv).hasSize(1);
    return matching.getFirst();
  }
}
