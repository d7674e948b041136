package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * memory-service to audit-service over Kafka, black-box through the gateway: a memory added and
 * deleted appears in the tenant's trail with actor, outcome, request id and the trace id of the
 * request, and the chain verifies.
 */
class AuditFlowIT {

  private static final String TENANT = "e2e-audit-" + UUID.randomUUID().toString().substring(0, 6);
  private final String writer = DevTokens.token(TENANT, "e2e-writer", "reader,writer");
  private final String auditor = DevTokens.token(TENANT, "e2e-auditor", "auditor");
  private final String user = "audit-" + UUID.randomUUID().toString().substring(0, 8);

  private JsonPath get(String token, String path) {
    return given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(token)
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aMemoryAddedAndDeletedIsInTheTrailAndTheChainHolds() {
    Memories memories = new Memories(writer);
    String job = memories.add(user, "I keep bees in my garden.");
    String memory =
        memories.completed(job, Duration.ofMillis(200)).getString("result.memories.added[0]");
    // The caller's trace (the stack traces: bin/membank test starts it with --observability).
    String traceId = UUID.randomUUID().toString().replace("-", "");
    memories
        .request()
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .delete("/api/v1/memories/" + memory)
        .then()
        .statusCode(204);

    List<Map<String, Object>> events =
        Awaitility.await("audit-service records the memory's life")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(300))
            .until(
                () ->
                    get(auditor, "/api/v1/audit/events?resource_id=" + memory)
                        .<Map<String, Object>>getList("events"),
                list ->
                    list.stream()
                        .map(e -> e.get("action"))
                        .toList()
                        .containsAll(List.of("create", "delete")));
    Map<String, Object> delete =
        events.stream().filter(e -> "delete".equals(e.get("action"))).findFirst().orElseThrow();
    assertThat(delete.get("outcome")).isEqualTo("success");
    assertThat(delete.get("tenant_id")).isEqualTo(TENANT);
    assertThat(((Map<?, ?>) delete.get("actor")).get("id")).isEqualTo("e2e-writer");
    assertThat((String) delete.get("request_id")).isNotBlank();
    Stack.current().observability().required();
    assertThat(delete.get("trace_id")).isEqualTo(traceId);
    assertThat(((Map<?, ?>) delete.get("resource")).get("type")).isEqualTo("memory");

    JsonPath verify = get(auditor, "/api/v1/audit/verify");
    assertThat(verify.getBoolean("ok")).isTrue();
    assertThat(verify.getLong("records_checked")).isGreaterThanOrEqualTo(2);

    // A writer is not an auditor.
    given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(writer)
        .get("/api/v1/audit/events")
        .then()
        .statusCode(403);
  }
}
