package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service's Prometheus endpoint serves the RFC metric names, each with a help text, and every
 * metric the alert rules in observability/prometheus/rules read is served by some service (an alert
 * on a series nobody exposes can never fire).
 */
class MetricsIT {

  private static final Pattern HELP = Pattern.compile("^# HELP (\\S+) ?(.*)$");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

  /** name → help text, and every sample name, per service. */
  private static final Map<String, Map<String, String>> HELPS = new HashMap<>();

  private static final Map<String, Set<String>> SAMPLES = new HashMap<>();

  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          "memory",
          List.of(
              "memories_created_total",
              "memories_updated_total",
              "memories_invalidated_total",
              "memories_deleted_total",
              "memory_operation_duration_seconds",
              "memory_ingest_queue_depth",
              "llm_requests_total",
              "llm_tokens_used_total",
              "llm_request_duration_seconds",
              "agroal_active_count"),
          "search",
          List.of(
              "search_requests_total",
              "search_latency_seconds",
              "search_cache_requests_total",
              "search_cache_hit_ratio",
              "kafka_consumer_fetch_manager_records_lag_max"),
          "graph",
          List.of("kafka_consumer_fetch_manager_records_lag_max"),
          "audit",
          List.of("agroal_active_count", "kafka_consumer_fetch_manager_records_lag_max"),
          "governance",
          List.of("agroal_active_count"),
          "diagnostics",
          List.of("agroal_active_count"),
          "cost",
          List.of("agroal_active_count"));

  @BeforeAll
  static void scrape() {
    // Some traffic first: a request on every service, one memory through the whole flow.
    String token = DevTokens.token("e2e-metrics", "e2e-app", "reader,writer");
    for (Stack.Service s : Stack.current().apiServices()) {
      given().baseUri(s.url()).auth().oauth2(token).get("/api/v1/" + s.name() + "/whoami");
    }
    String job =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(Map.of("user_id", "metrics-" + UUID.randomUUID(), "content", "I like figs."))
            .post("/api/v1/memories")
            .then()
            .statusCode(202)
            .extract()
            .path("job_id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "completed"
                    .equals(
                        given()
                            .baseUri(Stack.current().gatewayUrl())
                            .auth()
                            .oauth2(token)
                            .get("/api/v1/jobs/" + job)
                            .path("status")));
    for (Stack.Service s : Stack.current().apiServices()) {
      String body =
          given()
              .baseUri(s.managementUrl())
              .get("/q/metrics")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      Map<String, String> helps = new HashMap<>();
      Set<String> samples = new HashSet<>();
      for (String line : body.split("\n")) {
        Matcher h = HELP.matcher(line);
        if (h.matches()) {
          helps.put(h.group(1), h.group(2).strip());
          continue;
        }
        Matcher m = SAMPLE.matcher(line);
        if (!line.startsWith("#") && m.find()) {
          samples.add(m.group(1));
        }
      }
      HELPS.put(s.name(), helps);
      SAMPLES.put(s.name(), samples);
    }
  }

  @Test
  void everyServiceServesItsRfcMetricsWithHelpTexts() {
    List<String> problems = new ArrayList<>();
    for (Stack.Service s : Stack.current().apiServices()) {
      List<String> wanted =
          new ArrayList<>(List.of("http_server_requests_seconds", "jvm_memory_used_bytes"));
      wanted.addAll(REQUIRED.getOrDefault(s.name(), List.of()));
      for (String name : wanted) {
        // Counters are one family "x" with sample "x_total" (OpenMetrics naming).
        Map<String, String> helps = HELPS.get(s.name());
        String help =
            helps.containsKey(name) ? helps.get(name) : helps.get(name.replaceAll("_total$", ""));
        if (help == null) {
          problems.add(s.application() + ": no " + name);
        } else if (help.isEmpty()) {
          problems.add(s.application() + ": " + name + " has no help text");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyMetricTheAlertRulesReadIsServed() throws IOException {
    Set<String> served = new HashSet<>();
    SAMPLES.values().forEach(served::addAll);
    Set<String> read = new HashSet<>();
    try (Stream<Path> files = Files.list(rulesDir())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        read.addAll(metricsReadBy(Files.readString(f)));
      }
    }
    assertThat(read).as("metrics the rules read").isNotEmpty();
    read.remove("up"); // made by Prometheus itself
    // Per-topic producer series appear with a topic's first record; the rule reads them for
    // dead-letter topics, which normally have none, so absence is the healthy state.
    read.remove("kafka_producer_topic_record_send_total");
    Set<String> missing = new HashSet<>(read);
    missing.removeAll(served);
    assertThat(missing).as("metrics the alert rules read but no service serves").isEmpty();
  }

  /** Metric names in the rules' PromQL (selectors; not recorded series, labels or functions). */
  static Set<String> metricsReadBy(String yaml) {
    Set<String> names = new HashSet<>();
    Matcher expr =
        Pattern.compile("(?m)^\\s*expr:\\s*(\\|[^\\n]*\\n((?:\\s{10,}.*\\n?)*)|(.*))")
            .matcher(yaml);
    while (expr.find()) {
      names.addAll(metricsIn(expr.group(2) != null ? expr.group(2) : expr.group(3)));
    }
    return names;
  }

  private static final Set<String> PROMQL_KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan");

  /** Metric names one PromQL expression selects (not recorded series, labels or functions). */
  static Set<String> metricsIn(String promQl) {
    Set<String> names = new HashSet<>();
    String q =
        promQl
            .replaceAll("\"[^\"]*\"", "")
            .replaceAll("\\{[^}]*\\}", "")
            .replaceAll("\\[[^\\]]*\\]", "")
            .replaceAll("(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Matcher id = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(q);
    while (id.find()) {
      String name = id.group(1);
      // Our metric names all have an underscore; durations ("5m") and keywords do not.
      if (id.group(2) == null
          && name.contains("_")
          && !name.contains(":")
          && !PROMQL_KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void dashboardsAreProvisionableAndQueryServedMetrics() throws IOException {
    Path dir = rulesDir().getParent().getParent().resolve("grafana/dashboards");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("dashboards in " + dir).hasSizeGreaterThanOrEqualTo(5);
    Set<String> served = new HashSet<>();
    SAMPLES.values().forEach(served::addAll);
    Set<String> uids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    for (Path f : files) {
      var board = json.readTree(f.toFile());
      String name = f.getFileName().toString();
      if (!uids.add(board.path("uid").asText(""))) {
        problems.add(name + ": missing or duplicate uid");
      }
      if (board.path("title").asText("").isBlank() || board.path("schemaVersion").asInt() < 30) {
        problems.add(name + ": needs a title and schemaVersion >= 30");
      }
      if (board.path("panels").isEmpty()) {
        problems.add(name + ": no panels");
      }
      for (var panel : board.path("panels")) {
        String where = name + " / " + panel.path("title").asText("?");
        if (panel.path("type").asText("").isBlank()
            || panel.path("gridPos").path("w").asInt() <= 0
            || panel.path("gridPos").path("h").asInt() <= 0) {
          problems.add(where + ": needs a type and a gridPos");
        }
        if (panel.path("targets").isEmpty()) {
          problems.add(where + ": no queries");
        }
        for (var target : panel.path("targets")) {
          for (String metric : metricsIn(target.path("expr").asText(""))) {
            if (!served.contains(metric)
                && !metric.equals("kafka_producer_topic_record_send_total")) {
              problems.add(where + ": queries " + metric + ", which no service serves");
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Path rulesDir() {
    Path root = Stack.current().statusFile().getParent().getParent();
    return root.resolve("observability/prometheus/rules");
  }
}
