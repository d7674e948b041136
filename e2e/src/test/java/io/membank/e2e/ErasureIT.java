package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A data subject's erasure (issue 17) through the gateway, proven from the outside: the subject's
 * memories, search hits and graph are gone, the report lists every participant with its counts
 * (JSON and PDF), the completion is audited and announced by webhook, and another subject of the
 * same tenant and the same user id in another tenant are untouched. Then the saga survives a
 * participant killed with -9. Runs near the end (it restarts search-service).
 */
@Order(Integer.MAX_VALUE - 1)
class ErasureIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PARTICIPANTS =
      List.of("memory-service", "search-service", "graph-service", "cost-service", "audit-service");

  private final String tenant = "e2e-erasure-" + shortId();
  private final String otherTenant = tenant + "-b";
  private final String admin = DevTokens.token(tenant, "e2e-admin", "admin,auditor");
  private final String writer = DevTokens.token(tenant, "e2e-writer", "reader,writer");
  private final String otherWriter = DevTokens.token(otherTenant, "e2e-writer", "reader,writer");
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private HttpServer receiver;

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          try {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
          } catch (Exception e) {
            received.add(JSON.createObjectNode());
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void aSubjectIsErasedEverywhereAndNobodyElseIsTouched() throws Exception {
    String webhook = subscribe();
    String subject = "erase-" + shortId();
    String bystander = "keep-" + shortId();
    List<String> erased =
        seed(
            writer,
            subject,
            "I live in Lisbon.",
            "I work at Acme Corporation.",
            "I love surfing with Maria.",
            "I have a dog named Rex.");
    seed(writer, bystander, "I live in Lisbon.");
    seed(otherWriter, subject, "I live in Lisbon.");
    awaitSearchableAndGraphed(writer, subject);
    awaitSearchableAndGraphed(writer, bystander);
    awaitSearchableAndGraphed(otherWriter, subject);
    // A cached answer in Redis (search-service caches per tenant and user).
    assertThat(search(writer, subject, "Lisbon")).isNotEmpty();

    Response first = erase(subject);
    assertThat(first.statusCode()).isEqualTo(202);
    String erasureId = first.jsonPath().getString("erasure_id");
    assertThat(first.header("Location")).endsWith("/api/v1/governance/erasures/" + erasureId);
    Response again = erase(subject);
    assertThat(again.statusCode()).as("the same erasure while it is open").isEqualTo(200);
    assertThat(again.jsonPath().getString("erasure_id")).isEqualTo(erasureId);

    JsonPath done = awaitCompleted(erasureId, Duration.ofSeconds(120));
    assertThat(done.getList("confirmed", String.class))
        .containsExactlyInAnyOrderElementsOf(PARTICIPANTS);
    assertThat(done.getList("pending")).isEmpty();
    assertThat(done.getString("user_id")).isEqualTo(subject);

    // Nothing of the subject is readable any more.
    assertThat(memoriesOf(writer, subject).getLong("total")).isZero();
    for (String id : erased) {
      api(writer).get("/api/v1/memories/" + id).then().statusCode(404);
      assertThat(api(writer).get("/api/v1/memories/" + id + "/history").statusCode())
          .as("history of %s", id)
          .isEqualTo(404);
      assertThat(related(writer, id)).isEmpty();
    }
    assertThat(search(writer, subject, "Lisbon")).as("search (cached before)").isEmpty();
    assertThat(search(writer, subject, "surfing")).isEmpty();
    assertThat(entities(writer, subject)).isEmpty();
    assertThat(graphNodes(writer, subject)).isEmpty();

    // The report: every participant, with counts before and after and the direct check.
    JsonPath report = report(erasureId);
    assertThat(report.getBoolean("verified")).isTrue();
    assertThat(report.getList("services.service", String.class))
        .containsExactlyInAnyOrderElementsOf(PARTICIPANTS);
    List<Map<String, Object>> services = report.getList("services");
    for (Map<String, Object> s : services) {
      assertThat(s.get("confirmed")).as("%s confirmed", s.get("service")).isEqualTo(true);
      assertThat(s.get("clean")).as("%s clean", s.get("service")).isEqualTo(true);
      List<Map<String, Object>> stores = storesOf(s);
      assertThat(stores).as("%s stores", s.get("service")).isNotEmpty();
      for (Map<String, Object> store : stores) {
        assertThat(((Number) store.get("after")).longValue()).as("%s after", store).isZero();
        assertThat(((Number) store.get("remaining")).longValue()).as("%s left", store).isZero();
        assertThat((String) store.get("check")).as("%s check", store).isNotBlank();
      }
    }
    assertThat(before(report, "memory-service", ".memories")).isGreaterThanOrEqualTo(erased.size());
    assertThat(before(report, "memory-service", ".jobs")).isGreaterThanOrEqualTo(4);
    assertThat(before(report, "search-service", "lucene")).isGreaterThanOrEqualTo(erased.size());
    assertThat(before(report, "search-service", "redis")).as("the cached search").isPositive();
    assertThat(before(report, "graph-service", "neo4j:nodes")).isPositive();

    byte[] pdf = pdf(erasureId);
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (PdfReader reader = new PdfReader(pdf)) {
      assertThat(reader.getNumberOfPages()).isPositive();
      String text = new PdfTextExtractor(reader).getTextFromPage(1);
      assertThat(text).contains(erasureId.substring(0, 8)).contains("search-service");
    }

    // Audited, and announced to the tenant's webhook. The "requested" record was sealed under the
    // subject's key (the subject owns the erasure), which the erasure destroyed: its details read
    // as erased — crypto-shredding seen from outside — while the trail still verifies.
    JsonPath trail =
        Awaitility.await("audit-service records the completed erasure")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    api(admin)
                        .get("/api/v1/audit/events?resource_type=erasure&resource_id=" + erasureId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath(),
                events ->
                    events.getList("events.details.status").contains("completed")
                        && events.getList("events").size() == 2);
    assertThat(trail.getList("events.details.erased")).contains(true);
    JsonPath verify =
        api(admin).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertThat(verify.getBoolean("ok")).as("the chain verifies after the shredding").isTrue();
    assertThat(before(report, "audit-service", "subject_key")).as("the subject's key").isPositive();
    JsonNode hook =
        Awaitility.await("the receiver gets erasure.completed")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(300))
            .until(
                () ->
                    received.stream()
                        .filter(n -> "erasure.completed".equals(n.path("type").asText()))
                        .findFirst()
                        .orElse(null),
                n -> n != null);
    System.out.println("ErasureIT: erasure.completed webhook " + hook);
    assertThat(hook.path("tenant_id").asText()).isEqualTo(tenant);
    assertThat(hook.toString()).contains(erasureId);
    api(admin).delete("/api/v1/webhooks/" + webhook).then().statusCode(204);

    // Untouched: another subject of the tenant, the same user id in another tenant.
    assertThat(memoriesOf(writer, bystander).getLong("total")).isEqualTo(1);
    assertThat(search(writer, bystander, "Lisbon")).hasSize(1);
    assertThat(entities(writer, bystander)).isNotEmpty();
    assertThat(memoriesOf(otherWriter, subject).getLong("total")).isEqualTo(1);
    assertThat(search(otherWriter, subject, "Lisbon")).hasSize(1);
    assertThat(entities(otherWriter, subject)).isNotEmpty();

    // Another tenant's admin cannot see it; a writer cannot erase.
    String otherAdmin = DevTokens.token(otherTenant, "e2e-admin", "admin");
    api(otherAdmin).get("/api/v1/governance/erasures/" + erasureId).then().statusCode(404);
    api(writer).post("/api/v1/governance/subjects/" + subject + "/erasure").then().statusCode(403);
  }

  @Test
  void anErasureWaitsForAKilledParticipantAndCompletesAfterItsRestart() {
    String subject = "erase-kill-" + shortId();
    seed(writer, subject, "I live in Lisbon.", "I love surfing.");
    awaitSearchableAndGraphed(writer, subject);

    long pid = Cli.status().getLong("services.find { it.name == 'search' }.pid");
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());

    String erasureId = erase(subject).then().statusCode(202).extract().path("erasure_id");
    JsonPath waiting =
        Awaitility.await("every other participant confirms; search-service is missing")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> status(erasureId),
                s ->
                    s.getList("confirmed").size() == PARTICIPANTS.size() - 1
                        || "completed".equals(s.getString("status")));
    assertThat(waiting.getString("status")).isIn("pending", "incomplete");
    assertThat(waiting.getList("pending")).containsExactly("search-service");
    if ("incomplete".equals(waiting.getString("status"))) {
      assertThat(waiting.getString("status_reason")).contains("search-service");
    }
    JsonPath partial = report(erasureId);
    assertThat(partial.getBoolean("verified")).isFalse();
    assertThat(partial.getList("services.findAll { !it.confirmed }.service"))
        .containsExactly("search-service");

    long restartAt = System.nanoTime();
    Cli.run(300, "up"); // returns once search-service is ready again
    long readyAt = System.nanoTime();
    JsonPath done = awaitCompleted(erasureId, Duration.ofSeconds(120));
    long completedAt = System.nanoTime();
    System.out.printf(
        "ErasureIT: erasure %s completed %.1f s after the restart began, %.1f s after"
            + " search-service was ready (restart took %.1f s; attempt %d)%n",
        erasureId,
        (completedAt - restartAt) / 1e9,
        (completedAt - readyAt) / 1e9,
        (readyAt - restartAt) / 1e9,
        done.getInt("attempt"));
    assertThat(done.getList("confirmed", String.class))
        .containsExactlyInAnyOrderElementsOf(PARTICIPANTS);
    assertThat(report(erasureId).getBoolean("verified")).isTrue();
    assertThat(search(writer, subject, "Lisbon")).isEmpty();
    assertThat(memoriesOf(writer, subject).getLong("total")).isZero();
  }

  // ------------------------------------------------------------------ helpers

  private RequestSpecification api(String token) {
    return given().baseUri(Stack.current().gatewayUrl()).auth().oauth2(token);
  }

  /** Adds each content as its own job and waits for them; returns the user's memories. */
  private List<String> seed(String token, String user, String... contents) {
    Memories memories = new Memories(token);
    List<String> jobs = new ArrayList<>();
    for (String content : contents) {
      jobs.add(memories.add(user, content));
    }
    for (String job : jobs) {
      memories.completed(job, Duration.ofMillis(300));
    }
    List<String> ids = memoriesOf(token, user).getList("memories.id");
    assertThat(ids).isNotEmpty();
    return ids;
  }

  /** Every user here has a memory about Lisbon: until it is searchable and graphed. */
  private void awaitSearchableAndGraphed(String token, String user) {
    Awaitility.await("search-service indexes " + user)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !search(token, user, "Lisbon").isEmpty());
    Awaitility.await("graph-service has " + user + "'s entities")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !entities(token, user).isEmpty());
  }

  private JsonPath memoriesOf(String token, String user) {
    return api(token)
        .get("/api/v1/users/" + user + "/memories?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private List<String> search(String token, String user, String query) {
    return api(token)
        .contentType("application/json")
        .body(Map.of("user_id", user, "query", query, "mode", "keyword", "limit", 50))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(200)
        .extract()
        .path("memories.id");
  }

  private List<Object> entities(String token, String user) {
    Response r = api(token).get("/api/v1/users/" + user + "/entities");
    return r.statusCode() == 404 ? List.of() : r.then().statusCode(200).extract().path("entities");
  }

  private List<Object> graphNodes(String token, String user) {
    Response r = api(token).get("/api/v1/users/" + user + "/graph");
    return r.statusCode() == 404 ? List.of() : r.then().statusCode(200).extract().path("nodes");
  }

  private List<Object> related(String token, String memoryId) {
    Response r = api(token).get("/api/v1/memories/" + memoryId + "/related?depth=2");
    return r.statusCode() == 404 ? List.of() : r.then().statusCode(200).extract().path("related");
  }

  private String subscribe() {
    return api(admin)
        .contentType("application/json")
        .body(
            Map.of(
                "url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/erasures",
                "events",
                List.of("erasure.completed")))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private Response erase(String user) {
    return api(admin).post("/api/v1/governance/subjects/" + user + "/erasure");
  }

  private JsonPath status(String erasureId) {
    return api(admin)
        .get("/api/v1/governance/erasures/" + erasureId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private JsonPath awaitCompleted(String erasureId, Duration atMost) {
    return Awaitility.await("erasure " + erasureId + " completes")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> status(erasureId), s -> "completed".equals(s.getString("status")));
  }

  private JsonPath report(String erasureId) {
    return api(admin)
        .get("/api/v1/governance/erasures/" + erasureId + "/report?format=json")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  private byte[] pdf(String erasureId) {
    return api(admin)
        .get("/api/v1/governance/erasures/" + erasureId + "/report?format=pdf")
        .then()
        .statusCode(200)
        .contentType("application/pdf")
        .extract()
        .asByteArray();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> storesOf(Map<String, Object> service) {
    return (List<Map<String, Object>>) service.get("stores");
  }

  /** The summed {@code before} of the service's stores whose name contains {@code store}. */
  private static long before(JsonPath report, String service, String store) {
    List<Map<String, Object>> services = report.getList("services");
    return services.stream()
        .filter(s -> service.equals(s.get("service")))
        .flatMap(s -> storesOf(s).stream())
        .filter(s -> ((String) s.get("store")).contains(store))
        .mapToLong(s -> ((Number) s.get("before")).longValue())
        .sum();
  }
}
