package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of bad requests across memory-, search-, graph- and audit-service, sent through the
 * gateway: each gets a 4xx problem+json of one shape whose detail names what to fix (a field, a
 * parameter, a type, a role, a content type) and never a Java class name (issue 14 "Errors"; issue
 * 24 defects 1–8 and 10 end to end).
 */
class BadRequestTableIT {

  private static final String ALL_ROLES = "reader,writer,admin,auditor";
  private static final String TENANT = "e2e-badreq";

  /** One bad request and what its problem must say. */
  record Case(
      String method,
      String path,
      String contentType,
      String body,
      String roles,
      long ttlSeconds,
      int status,
      String field,
      String detailSays) {

    Case withRoles(String someRoles) {
      return new Case(
          method, path, contentType, body, someRoles, ttlSeconds, status, field, detailSays);
    }

    Case withTtl(long seconds) {
      return new Case(method, path, contentType, body, roles, seconds, status, field, detailSays);
    }

    Case withContentType(String type) {
      return new Case(method, path, type, body, roles, ttlSeconds, status, field, detailSays);
    }
  }

  private static Case post(String path, String body, int status, String field, String says) {
    return new Case("POST", path, "application/json", body, ALL_ROLES, 3600, status, field, says);
  }

  private static Case get(String path, int status, String field, String says) {
    return new Case("GET", path, null, null, ALL_ROLES, 3600, status, field, says);
  }

  static List<Named<Case>> cases() {
    String deepNot = "{\"NOT\":".repeat(2_000) + "{}" + "}".repeat(2_000);
    String related = "/api/v1/memories/" + UUID.randomUUID() + "/related";
    return List.of(
        Named.of(
            "memory: unknown field",
            post(
                "/api/v1/memories",
                "{\"user_id\":\"u1\",\"msgs\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                400,
                "msgs",
                "allowed")),
        Named.of(
            "memory: number as user_id",
            post(
                "/api/v1/memories",
                "{\"user_id\":42,\"content\":\"x\"}",
                400,
                "user_id",
                "must be a string")),
        Named.of(
            "memory: NUL in content (defect 1)",
            post(
                "/api/v1/memories",
                "{\"user_id\":\"u1\",\"content\":\"I like \\u0000 tea.\"}",
                400,
                "content",
                "NUL")),
        Named.of(
            "memory: NUL in a metadata key (defect 1)",
            post(
                "/api/v1/memories",
                "{\"user_id\":\"u1\",\"content\":\"x\",\"metadata\":{\"k\\u0000\":\"v\"}}",
                400,
                "metadata",
                "NUL")),
        Named.of(
            "memory: NUL in context.rolling_summary (defect 1)",
            post(
                "/api/v1/memories",
                "{\"user_id\":\"u1\",\"content\":\"x\",\"context\":{\"rolling_summary\":\"a\\u0000\"}}",
                400,
                "context.rolling_summary",
                "NUL")),
        Named.of(
            "memory: lone surrogate in a metadata key (defect 8)",
            post(
                "/api/v1/memories",
                "{\"user_id\":\"u1\",\"content\":\"x\",\"metadata\":{\"\\ud800\":\"v\"}}",
                400,
                "metadata",
                // Refused, no longer stored, and the detail says why.
                "a key must not contain a lone surrogate")),
        Named.of(
            "memory: null conversation in a batch (defect 3)",
            post(
                "/api/v1/memories/batch",
                "{\"user_id\":\"u1\",\"conversations\":[null]}",
                400,
                "conversations[0]",
                "invalid")),
        Named.of(
            "memory: null message in a batch (defect 3)",
            post(
                "/api/v1/memories/batch",
                "{\"user_id\":\"u1\",\"conversations\":[{\"messages\":[null]}]}",
                400,
                "conversations[0].messages[0]",
                "invalid")),
        Named.of(
            "memory: null recent message (defect 5)",
            post(
                "/api/v1/memories",
                "{\"user_id\":\"u1\",\"content\":\"x\",\"context\":{\"recent_messages\":[null]}}",
                400,
                "context.recent_messages[0]",
                "invalid")),
        Named.of(
            "memory: invalid JSON",
            post("/api/v1/memories", "{\"user_id\":", 400, null, "not valid JSON")),
        Named.of(
            "memory: text/plain body",
            post("/api/v1/memories", "hello", 415, null, "application/json")
                .withContentType("text/plain")),
        Named.of(
            "memory: extreme as_of (defect 4)",
            get(
                "/api/v1/users/u1/memories?as_of=%2B999999999-12-31T23:59:59Z",
                400, null, "0001 and 9999")),
        Named.of(
            "memory: limit=abc (defect 7)",
            get("/api/v1/users/u1/memories?limit=abc", 400, "limit", "must be an integer")),
        Named.of(
            "memory: limit past 32 bits (defect 7)",
            get("/api/v1/users/u1/memories?limit=2147483648", 400, "limit", "integer")),
        Named.of(
            "memory: reader may not write (names the role)",
            post("/api/v1/memories", "{\"user_id\":\"u1\",\"content\":\"x\"}", 403, null, "writer")
                .withRoles("reader")),
        Named.of(
            "memory: a 10-year credential (defect 10)",
            post(
                    "/api/v1/memories",
                    "{\"user_id\":\"u1\",\"content\":\"x\"}",
                    401,
                    null,
                    "lifetime")
                .withTtl(99_999_999)),
        Named.of(
            "search: unknown memory type in a filter",
            post(
                "/api/v1/memories/search",
                "{\"user_id\":\"u1\",\"query\":\"tea\",\"filters\":{\"categories\":[\"a\"]}}",
                400,
                "filters.categories[0]",
                "use one of")),
        Named.of(
            "search: limit as text",
            post(
                "/api/v1/memories/search",
                "{\"user_id\":\"u1\",\"query\":\"tea\",\"limit\":\"ten\"}",
                400,
                "limit",
                "must be an integer")),
        Named.of(
            "search: extreme as_of (defect 4)",
            post(
                "/api/v1/memories/search",
                "{\"user_id\":\"u1\",\"query\":\"tea\",\"as_of\":\"+999999999-12-31T23:59:59Z\"}",
                400,
                "as_of",
                "0001 and 9999")),
        Named.of(
            "search: 2,000 levels of NOT (defect 6)",
            post(
                "/api/v1/memories/search",
                "{\"user_id\":\"u1\",\"query\":\"tea\",\"filters\":" + deepNot + "}",
                400,
                null,
                "deeper than")),
        Named.of(
            "search: a 10-year credential (defect 10)",
            post(
                    "/api/v1/memories/search",
                    "{\"user_id\":\"u1\",\"query\":\"tea\"}",
                    401,
                    null,
                    "lifetime")
                .withTtl(99_999_999)),
        Named.of(
            "graph: limit=abc (defect 7)",
            get("/api/v1/users/u1/graph?limit=abc", 400, "limit", "must be an integer")),
        Named.of(
            "graph: depth=1.5 (defect 7)",
            get(related + "?depth=1.5", 400, "depth", "must be an integer")),
        Named.of(
            "audit: extreme from (defect 4)",
            get(
                "/api/v1/audit/events?from=-999999999-01-01T00:00:00Z",
                400,
                "from",
                "0001 and 9999")),
        Named.of(
            "audit: limit=1e3 (defect 7)",
            get("/api/v1/audit/events?limit=1e3", 400, "limit", "must be an integer")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyBadRequestGetsOneProblemShapeThatSaysWhatToFix(Case c) {
    RequestSpecification request =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .urlEncodingEnabled(false)
            .auth()
            .oauth2(DevTokens.token(TENANT, "e2e-badreq-user", c.roles(), c.ttlSeconds()));
    if (c.contentType() != null) {
      request = request.contentType(c.contentType() + "; charset=UTF-8").body(c.body());
    }
    Response response = request.request(c.method(), c.path());

    assertThat(response.statusCode()).as(response.asString()).isEqualTo(c.status());
    assertThat(response.contentType()).startsWith("application/problem+json");
    Map<String, Object> problem = response.jsonPath().getMap("");
    assertThat(problem)
        .containsKeys("type", "title", "status", "detail", "instance")
        .containsEntry("status", c.status());
    assertThat((String) problem.get("type")).startsWith("https://membank.io/problems/");
    assertThat(response.asString())
        .doesNotContain("java.", "io.membank.", "Exception", "class ", "@Consumes");
    assertThat((String) problem.get("detail")).containsIgnoringCase(c.detailSays());
    if (c.field() != null) {
      List<String> fields = response.jsonPath().getList("errors.field");
      assertThat(fields).as(response.asString()).contains(c.field());
    }
  }
}
