package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives every operation of the public API document the gateway serves ({@code
 * /api/v1/openapi.json}) through the gateway, creating what each needs, and validates every real
 * response against that document: its status must be declared, its media type too, and its body
 * must match the schema declared for that status (JSON Schema 2020-12, networknt
 * json-schema-validator). Errors are validated as well (the shared Problem schema). Finally every
 * operation of the document must have been exercised: a new operation fails this test until a step
 * drives it.
 */
class ResponseSchemaIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPERATIONS =
      System.getenv().getOrDefault("MEMBANK_OPERATIONS_TENANT", "operations");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static JsonNode document;
  private static SchemaRegistry registry;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String tenant = "rs-" + suffix;
  private final String user = "rs-user-" + suffix;
  private final String member = DevTokens.token(tenant, "rs-member", "reader,writer,admin,auditor");
  private final String operator =
      DevTokens.token(OPERATIONS, "rs-operator", "reader,writer,admin,auditor");
  private final Set<String> exercised = new TreeSet<>();
  private final List<String> failures = new ArrayList<>();

  @BeforeAll
  static void loadTheServedDocument() throws Exception {
    String body =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .get("/api/v1/openapi.json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    document = JSON.readTree(body);
    registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  }

  @Test
  void everyPublicOperationAnswersAsItsDocumentSays() {
    String memoryId = memoryOperations();
    searchAndGraphOperations(memoryId);
    auditOperations();
    webhookOperations();
    governanceOperations();
    erasureOperations();
    retentionOperations();
    exportOperations();
    catalogOperations();
    costOperations();
    diagnosticsOperations();
    call(member, "DELETE /api/v1/memories/{id}", null, memoryId);
    call(member, "DELETE /api/v1/users/{user_id}/memories", null, user);

    assertThat(failures).as("responses that do not match the document").isEmpty();
    assertThat(exercised)
        .as("every operation of the public document is driven by this test")
        .containsAll(documentedOperations());
  }

  /** Adds, reads, edits memories; returns the id of one that exists. */
  private String memoryOperations() {
    call(member, "GET /api/v1/memory/whoami", null);
    String job =
        call(
                member,
                "POST /api/v1/memories",
                Map.of("user_id", user, "content", "I live in Lisbon and I love surfing."))
            .path("job_id");
    Response completed =
        until(
            member,
            "GET /api/v1/jobs/{id}",
            null,
            r -> "completed".equals(r.path("status")) || "failed".equals(r.path("status")),
            job);
    String memoryId = completed.path("result.memories.added[0]");
    assertThat(memoryId).as("the job added a memory: %s", completed.asString()).isNotNull();
    String batch =
        call(
                member,
                "POST /api/v1/memories/batch",
                Map.of(
                    "user_id",
                    user,
                    "conversations",
                    List.of(
                        Map.of(
                            "messages",
                            List.of(Map.of("role", "user", "content", "My sister is Ana."))))))
            .path("batch_id");
    until(
        member,
        "GET /api/v1/batches/{id}",
        null,
        r -> r.statusCode() == 200 && r.<String>path("status").startsWith("completed"),
        batch);
    call(member, "GET /api/v1/users/{user_id}/memories", null, user);
    call(member, "GET /api/v1/memories/{id}", null, memoryId);
    until(
        member,
        "PUT /api/v1/memories/{id}",
        Map.of("content", "I live in Lisbon, near the river, and I love surfing."),
        r -> r.statusCode() != 503,
        memoryId);
    call(member, "GET /api/v1/memories/{id}/history", null, memoryId);
    return memoryId;
  }

  private void searchAndGraphOperations(String memoryId) {
    call(member, "GET /api/v1/search/whoami", null);
    until(
        member,
        "POST /api/v1/memories/search",
        Map.of("user_id", user, "query", "Lisbon"),
        r -> r.statusCode() == 200 && !r.jsonPath().getList("memories").isEmpty());
    call(member, "GET /api/v1/graph/whoami", null);
    until(member, "GET /api/v1/memories/{id}/related", null, r -> r.statusCode() == 200, memoryId);
    call(member, "GET /api/v1/users/{user_id}/entities", null, user);
    call(member, "GET /api/v1/users/{user_id}/graph", null, user);
  }

  private void auditOperations() {
    call(member, "GET /api/v1/audit/whoami", null);
    until(
        member,
        "GET /api/v1/audit/events",
        null,
        r -> r.statusCode() == 200 && !r.jsonPath().getList("events").isEmpty());
    call(member, "GET /api/v1/audit/verify", null);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String report =
        call(
                member,
                "POST /api/v1/audit/reports",
                Map.of(
                    "template",
                    "gdpr",
                    "from",
                    now.minusDays(1).toString(),
                    "to",
                    now.plusMinutes(1).toString()))
            .path("id");
    call(member, "GET /api/v1/audit/reports/{id}", null, report);
    call(member, "GET /api/v1/audit/reports/{id}/content?format=json", null, report);
    call(member, "GET /api/v1/audit/reports/{id}/content?format=pdf", null, report);
  }

  private void webhookOperations() {
    String webhook =
        call(
                member,
                "POST /api/v1/webhooks",
                Map.of("url", "http://127.0.0.1:9/rs", "events", List.of("memory.added")))
            .path("id");
    call(member, "GET /api/v1/webhooks", null);
    call(member, "GET /api/v1/webhooks/{id}", null, webhook);
    call(member, "POST /api/v1/webhooks/{id}/enable", null, webhook);
    call(member, "GET /api/v1/webhooks/{id}/deliveries", null, webhook);
    call(member, "DELETE /api/v1/webhooks/{id}", null, webhook);
  }

  private void governanceOperations() {
    call(member, "GET /api/v1/governance/whoami", null);
    call(member, "GET /api/v1/governance/policies", null);
    call(
        member,
        "PUT /api/v1/governance/policies",
        Map.of(
            "region",
            "EU",
            "default_action",
            "MASK",
            "rules",
            List.of(Map.of("type", "EMAIL", "action", "TOKENIZE"))));
    call(
        member,
        "POST /api/v1/governance/scan",
        Map.of("text", "Mail me at alice@example.com or call +351 912 345 678"));
    // No token of this tenant is known here: the 404 is validated against the Problem schema.
    call(member, "POST /api/v1/governance/detokenize", Map.of("token", "tok_unknown0001"));
    String key =
        call(
                member,
                "POST /api/v1/keys",
                Map.of("name", "rs-" + suffix, "roles", List.of("reader")))
            .path("api_key.id");
    call(member, "GET /api/v1/keys", null);
    call(member, "GET /api/v1/keys/{id}", null, key);
    call(member, "POST /api/v1/keys/{id}/rotate", Map.of(), key);
    call(member, "DELETE /api/v1/keys/{id}", null, key);
  }

  /** Erases a second user of the tenant (one memory of their own), so the first stays. */
  private void erasureOperations() {
    String erased = "rs-erased-" + suffix;
    call(
        member,
        "POST /api/v1/memories",
        Map.of("user_id", erased, "content", "I work in Porto as a baker."));
    String erasure =
        call(member, "POST /api/v1/governance/subjects/{user_id}/erasure", null, erased)
            .path("erasure_id");
    call(member, "GET /api/v1/governance/erasures/{erasure_id}", null, erasure);
    call(member, "GET /api/v1/governance/erasures/{erasure_id}/report?format=json", null, erasure);
    call(member, "GET /api/v1/governance/erasures/{erasure_id}/report?format=pdf", null, erasure);
  }

  /** A retention policy with its versions, a legal hold placed and released, and a run. */
  private void retentionOperations() {
    Map<String, Object> terms = Map.of("scope", "session", "max_age_days", 36500);
    String policy =
        call(member, "POST /api/v1/governance/retention/policies", terms).path("policy_id");
    call(member, "GET /api/v1/governance/retention/policies", null);
    call(member, "GET /api/v1/governance/retention/policies/{policy_id}", null, policy);
    call(member, "PUT /api/v1/governance/retention/policies/{policy_id}", terms, policy);
    call(
        member,
        "GET /api/v1/governance/retention/policies/{policy_id}/versions/{version}",
        null,
        policy,
        "1");
    String hold =
        call(
                member,
                "POST /api/v1/governance/retention/holds",
                Map.of("user_id", "rs-held-" + suffix, "reason", "response schema check"))
            .path("hold_id");
    call(member, "GET /api/v1/governance/retention/holds", null);
    call(member, "GET /api/v1/governance/retention/holds/{hold_id}", null, hold);
    call(member, "POST /api/v1/governance/retention/holds/{hold_id}/release", null, hold);
    String run = call(member, "POST /api/v1/governance/retention/runs", Map.of()).path("run_id");
    call(member, "GET /api/v1/governance/retention/runs", null);
    if (run != null) {
      call(member, "GET /api/v1/governance/retention/runs/{run_id}", null, run);
    }
    call(member, "DELETE /api/v1/governance/retention/policies/{policy_id}", null, policy);
  }

  /** A subject export started, its state, and its bundle (or the 409 while it runs). */
  private void exportOperations() {
    String exportId =
        call(
                member,
                "POST /api/v1/governance/subjects/{user_id}/export",
                null,
                "rs-export-" + suffix)
            .path("export_id");
    call(member, "GET /api/v1/governance/exports/{export_id}", null, exportId);
    call(member, "GET /api/v1/governance/exports/{export_id}/bundle", null, exportId);
  }

  private void catalogOperations() {
    // The dataset and samples CatalogIT classifies: a confirmation of the level it already has.
    String dataset = "postgres:membank_memory.memories";
    call(member, "GET /api/v1/governance/catalog/datasets", null);
    call(member, "GET /api/v1/governance/catalog/datasets/{id}", null, dataset);
    call(member, "GET /api/v1/governance/catalog/datasets/{id}/quality", null, dataset);
    call(member, "GET /api/v1/governance/catalog/lineage", null);
    String proposal =
        call(
                operator,
                "POST /api/v1/governance/catalog/datasets/{id}/classify",
                Map.of(
                    "samples",
                    List.of(
                        Map.of(
                            "field", "content", "values", List.of("mail me at rs@example.com")))),
                dataset)
            .path("id");
    call(
        operator,
        "POST /api/v1/governance/catalog/datasets/{id}/confirm",
        Map.of("proposal_id", proposal),
        dataset);
  }

  private void costOperations() {
    call(member, "GET /api/v1/cost/whoami", null);
    call(member, "GET /api/v1/cost/budgets", null);
    call(member, "GET /api/v1/cost/budgets/state", null);
    call(member, "PUT /api/v1/cost/budgets/{period}", Map.of("limit_usd", 1000), "monthly");
    call(member, "DELETE /api/v1/cost/budgets/{period}", null, "monthly");
    // A global limit no test run can reach, removed at once.
    call(
        operator,
        "PUT /api/v1/cost/budgets/global/{period}",
        Map.of("limit_usd", 90_000_000),
        "daily");
    call(operator, "DELETE /api/v1/cost/budgets/global/{period}", null, "daily");
    call(member, "GET /api/v1/cost/prices", null);
    call(member, "GET /api/v1/cost/prices/{provider}", null, "openai");
    call(
        operator,
        "POST /api/v1/cost/prices",
        Map.of(
            "provider",
            "rs-provider-" + suffix,
            "model",
            "m1",
            "input_usd_per_million",
            1,
            "output_usd_per_million",
            2));
    call(
        operator,
        "POST /api/v1/cost/prices/reprice",
        Map.of("from", "2020-01-01T00:00:00Z", "to", "2020-01-02T00:00:00Z"));
    call(member, "GET /api/v1/cost/usage", null);
    call(member, "GET /api/v1/cost/recommendations?kind=llm", null);
    // Cloud recommendations read Prometheus: 200 with the observability stack, else a 502/503
    // problem; either answer is validated.
    call(operator, "GET /api/v1/cost/recommendations?kind=cloud", null);
    // No recommendation carries this id (and none is approved to apply): a problem, validated.
    call(
        operator, "POST /api/v1/cost/recommendations/{id}/apply", null, "cloud-" + suffix + suffix);
    call(member, "GET /api/v1/cost/tenants/{tenant}/summary", null, tenant);
  }

  private void diagnosticsOperations() {
    call(operator, "GET /api/v1/diagnostics/whoami", null);
    call(operator, "POST /api/v1/diagnostics/run", null);
    String diagnosis =
        call(operator, "GET /api/v1/diagnostics/diagnoses", null).path("items[0].id");
    call(
        operator,
        "GET /api/v1/diagnostics/diagnoses/{id}",
        null,
        diagnosis == null ? UUID.randomUUID().toString() : diagnosis);
    call(operator, "GET /api/v1/diagnostics/actions", null);
    // Nothing awaits approval on a healthy stack: the 404 is validated against the Problem schema.
    call(
        operator,
        "POST /api/v1/diagnostics/actions/{id}/approve",
        null,
        UUID.randomUUID().toString());
    call(operator, "GET /api/v1/diagnostics/predictions", null);
    call(operator, "GET /api/v1/diagnostics/maintenance", null);
  }

  /** Polls an operation until {@code done} holds, then validates the last answer. */
  private Response until(
      String token, String operation, Object body, Predicate<Response> done, String... params) {
    Response last =
        Awaitility.await(operation)
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> send(token, operation, body, params), done);
    validate(operation, last);
    return last;
  }

  /** Sends {@code "METHOD /template?query"} with the path parameters filled in, and validates. */
  private Response call(String token, String operation, Object body, String... params) {
    Response response = send(token, operation, body, params);
    validate(operation, response);
    return response;
  }

  private Response send(String token, String operation, Object body, String... params) {
    String method = operation.substring(0, operation.indexOf(' '));
    String path = operation.substring(operation.indexOf(' ') + 1);
    for (String p : params) {
      path = path.replaceFirst("\\{[a-z_]+\\}", Matcher.quoteReplacement(p));
    }
    var request = given().baseUri(Stack.current().gatewayUrl()).auth().oauth2(token);
    if (body != null) {
      request.contentType("application/json").body(body);
    }
    return request.request(method, path);
  }

  private void validate(String operation, Response response) {
    String method = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
    String template = operation.substring(operation.indexOf(' ') + 1).replaceFirst("\\?.*$", "");
    String where = operation + " → " + response.statusCode();
    exercised.add(method.toUpperCase(Locale.ROOT) + " " + template);
    JsonNode op = document.path("paths").path(template).path(method);
    if (op.isMissingNode()) {
      failures.add(where + ": the document has no such operation");
      return;
    }
    JsonNode declared = op.path("responses").path(Integer.toString(response.statusCode()));
    if (declared.isMissingNode()) {
      failures.add(where + ": status not declared; body " + response.asString());
      return;
    }
    String body = response.asString();
    if (!declared.has("content")) {
      if (!body.isEmpty()) {
        failures.add(where + ": declared without a body, answered " + body);
      }
      return;
    }
    String mediaType = response.contentType().replaceFirst(";.*$", "").trim();
    JsonNode media = declared.path("content").path(mediaType);
    if (media.isMissingNode()) {
      failures.add(where + ": media type " + mediaType + " not declared");
      return;
    }
    if (!mediaType.endsWith("json")) {
      return; // binary downloads: the declared media type is the contract
    }
    try {
      var errors = schema(media.path("schema")).validate(JSON.readTree(body));
      if (!errors.isEmpty()) {
        failures.add(where + ": " + errors + " in " + body);
      }
    } catch (Exception e) {
      failures.add(where + ": " + e + " for " + body);
    }
  }

  /**
   * The declared schema as a JSON Schema resource whose references into {@code
   * #/components/schemas} resolve: the document's components beside the schema's own keywords.
   */
  private static Schema schema(JsonNode declared) {
    ObjectNode root = JSON.createObjectNode();
    root.set("components", document.path("components"));
    root.setAll((ObjectNode) declared);
    return registry.getSchema(SchemaLocation.of("https://membank.io/api/v1/openapi.json"), root);
  }

  private static Set<String> documentedOperations() {
    Set<String> ops = new TreeSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .properties()
                    .forEach(
                        m -> {
                          if (Set.of("get", "put", "post", "delete", "patch")
                              .contains(m.getKey())) {
                            ops.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey());
                          }
                        }));
    return ops;
  }
}
