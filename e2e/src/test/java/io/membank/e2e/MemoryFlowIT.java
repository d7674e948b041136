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

/** The main job, black-box through the gateway: add, dedupe, contradict, list, history, delete. */
class MemoryFlowIT {

  private final String token = DevTokens.token("e2e-flow", "e2e-app", "reader,writer");
  private final String user = "flow-" + UUID.randomUUID().toString().substring(0, 8);

  private final Memories memories = new Memories(token);

  private String add(String content) {
    return memories.add(user, content);
  }

  private JsonPath completed(String jobId) {
    return memories.completed(jobId, Duration.ofMillis(200));
  }

  private JsonPath list() {
    return given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(token)
        .get("/api/v1/users/" + user + "/memories")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void addDedupeContradictListHistoryDelete() {
    String first =
        completed(add("I live in Oslo. I enjoy skiing.")).getString("result.memories.added[0]");
    assertThat(list().getList("memories.content"))
        .containsExactlyInAnyOrder("I live in Oslo.", "I enjoy skiing.");

    JsonPath again = completed(add("I live in Oslo"));
    assertThat(again.getList("result.decisions.event")).containsExactly("NOOP");
    // memory-service asked search-service (service credential, service key) before deciding.
    assertThat(again.getString("result.comparison.similar_source")).isEqualTo("search-service");

    JsonPath moved = completed(add("I moved to Bergen."));
    assertThat(moved.getList("result.decisions.event")).containsExactly("INVALIDATE", "ADD");
    assertThat(list().getList("memories.content"))
        .containsExactlyInAnyOrder("I moved to Bergen.", "I enjoy skiing.");

    List<String> reasons =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .auth()
            .oauth2(token)
            .get("/api/v1/memories/" + first + "/history")
            .then()
            .statusCode(200)
            .extract()
            .path("history.reason");
    assertThat(reasons).containsExactly("extracted", "contradicted");

    String skiing =
        list().getList("memories", Map.class).stream()
            .filter(m -> "I enjoy skiing.".equals(m.get("content")))
            .map(m -> (String) m.get("id"))
            .findFirst()
            .orElseThrow();
    given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(token)
        .delete("/api/v1/memories/" + skiing)
        .then()
        .statusCode(204);
    assertThat(list().getList("memories.content")).containsExactly("I moved to Bergen.");

    // search-service follows memory.events: the move is findable, the old city and the deleted
    // memory are not.
    Awaitility.await("search follows memory.events")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              assertThat(search("where have I moved")).containsExactly("I moved to Bergen.");
              assertThat(search("skiing")).isEmpty();
            });
  }

  private List<String> search(String query) {
    return given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(token)
        .contentType("application/json")
        // keyword: this test is about following events; ranking has its own tests
        .body(Map.of("user_id", user, "query", query, "mode", "keyword"))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(200)
        .extract()
        .path("memories.content");
  }
}
