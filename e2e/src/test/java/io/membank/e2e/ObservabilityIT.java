package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The observability backends of the running stack ({@code up --observability}): Prometheus scrapes
 * every service, and one request yields one trace in Jaeger that spans memory-service (the request,
 * the job, the outbox relay), search-, graph- and audit-service (their Kafka consumers).
 */
class ObservabilityIT {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void prometheusScrapesEveryServiceAndEveryTargetIsUp() {
    Stack.Observability observability = Stack.current().observability().required();
    Set<String> expected =
        Stack.current().services().stream()
            .map(Stack.Service::application)
            .collect(Collectors.toSet());
    // The first scrape happens within one scrape interval (5 s) of Prometheus starting.
    List<Map<String, Object>> targets =
        Awaitility.await("every service target up in Prometheus")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> membankTargets(observability.prometheusUrl()),
                list ->
                    list.size() == expected.size()
                        && list.stream().allMatch(t -> "up".equals(t.get("health"))));
    assertThat(targets)
        .extracting(t -> (String) ((Map<?, ?>) t.get("labels")).get("service"))
        .containsExactlyInAnyOrderElementsOf(expected);
    // And the scraped series are there: `up` is 1 for every service.
    List<Map<String, Object>> up =
        given()
            .baseUri(observability.prometheusUrl())
            .queryParam("query", "up{job=\"membank\"} == 1")
            .get("/api/v1/query")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("data.result");
    assertThat(up).hasSize(expected.size());
  }

  private static List<Map<String, Object>> membankTargets(String prometheusUrl) {
    List<Map<String, Object>> active =
        given()
            .baseUri(prometheusUrl)
            .queryParam("state", "active")
            .get("/api/v1/targets")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("data.activeTargets");
    return active.stream().filter(t -> "membank".equals(t.get("scrapePool"))).toList();
  }

  @Test
  void oneRequestIsOneTraceAcrossTheServices() throws Exception {
    Stack.Observability observability = Stack.current().observability().required();
    String tenant = "e2e-trace-" + UUID.randomUUID().toString().substring(0, 6);
    String token = DevTokens.token(tenant, "e2e-writer", "reader,writer");
    String traceId = randomHex(16);
    String callerSpan = randomHex(8);

    Memories memories = new Memories(token);
    String job =
        memories.add(
            memories.request().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01"),
            "tracer",
            "I play the cello on Sundays.");
    memories.completed(job, Duration.ofMillis(200));

    // Each service exports its spans in batches of its own, so the trace in Jaeger fills in over
    // a few seconds: it is read again until every expected span is there, or the time is up.
    Awaitility.await("trace " + traceId + " complete in Jaeger")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertOneTrace(traceOf(observability.jaegerUrl(), traceId), callerSpan));
    assertJobLogLine(traceId, tenant, "tracer");
  }

  private static void assertOneTrace(JsonPath trace, String callerSpan) {
    assertThat(trace).as("the trace, once Jaeger has it").isNotNull();
    assertThat(servicesOf(trace))
        .containsAll(Set.of("memory-service", "search-service", "graph-service", "audit-service"));
    Map<String, String> serviceOfSpan = serviceOfSpan(trace);
    List<Map<String, Object>> spans = trace.getList("data[0].spans");
    // The request entered memory-service as a child of the caller's span.
    assertThat(spans)
        .anySatisfy(
            s -> {
              assertThat(serviceOfSpan.get((String) s.get("spanID"))).isEqualTo("memory-service");
              assertThat(parentsOf(s)).contains(callerSpan);
            });
    // The relay published memory.events inside the trace.
    assertThat(spans)
        .extracting(s -> (String) s.get("operationName"))
        .anyMatch(name -> name.startsWith("memory.events") && name.endsWith("publish"));
    // Each consumer's span hangs off a memory-service span: the context crossed Kafka.
    for (String consumer : List.of("search-service", "graph-service", "audit-service")) {
      assertThat(spans)
          .as("a %s span whose parent is a memory-service span", consumer)
          .anySatisfy(
              s -> {
                assertThat(serviceOfSpan.get((String) s.get("spanID"))).isEqualTo(consumer);
                assertThat(parentsOf(s))
                    .anyMatch(parent -> "memory-service".equals(serviceOfSpan.get(parent)));
              });
    }
  }

  /**
   * The JSON log line of the job in memory-service's log: it names the trace and span, the tenant
   * and the user whose memories it is about, and the service and its version.
   */
  private static void assertJobLogLine(String traceId, String tenant, String user)
      throws Exception {
    Path log = Path.of(Stack.current().service("memory").log());
    JsonPath line =
        Awaitility.await("memory-service logs the job of trace " + traceId)
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    Files.readAllLines(log).stream()
                        .filter(l -> l.startsWith("{") && l.contains(traceId))
                        .map(JsonPath::from)
                        .filter(j -> j.getString("message").startsWith("memory.job.completed"))
                        .findFirst()
                        .orElse(null),
                j -> j != null);
    assertThat(line.getString("mdc.trace_id")).isEqualTo(traceId);
    assertThat(line.getString("mdc.span_id")).matches("[0-9a-f]{16}");
    assertThat(line.getString("mdc.tenant")).isEqualTo(tenant);
    assertThat(line.getString("mdc.user_id")).isEqualTo(user);
    assertThat(line.getString("service")).isEqualTo("memory-service");
    assertThat(line.getString("version")).isNotBlank();
    assertThat(line.getString("hostName")).isNotBlank();
    assertThat(line.getInt("processId")).isPositive();
  }

  private static JsonPath traceOf(String jaegerUrl, String traceId) {
    var response = given().baseUri(jaegerUrl).get("/api/traces/" + traceId);
    return response.statusCode() == 200 ? response.jsonPath() : null;
  }

  private static Set<String> servicesOf(JsonPath trace) {
    Map<String, Map<String, Object>> processes = trace.getMap("data[0].processes");
    return processes == null
        ? Set.of()
        : processes.values().stream()
            .map(p -> (String) p.get("serviceName"))
            .collect(Collectors.toSet());
  }

  private static Map<String, String> serviceOfSpan(JsonPath trace) {
    Map<String, Map<String, Object>> processes = trace.getMap("data[0].processes");
    List<Map<String, Object>> spans = trace.getList("data[0].spans");
    return spans.stream()
        .collect(
            Collectors.toMap(
                s -> (String) s.get("spanID"),
                s -> (String) processes.get((String) s.get("processID")).get("serviceName")));
  }

  private static List<String> parentsOf(Map<String, Object> span) {
    List<Map<String, Object>> references = (List<Map<String, Object>>) span.get("references");
    return references == null
        ? List.of()
        : references.stream().map(r -> (String) r.get("spanID")).toList();
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
