package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * search-service's acceptance through the gateway: a memory added through memory-service is found
 * by a paraphrased query (no shared keyword) within 1 s of its job completing; once deleted it is
 * never returned again; another tenant asking the same question about the same user id sees
 * nothing.
 */
class SearchFlowIT {

  private static final String QUESTION = "What pet do I have?";

  private final String user = "pets-" + UUID.randomUUID().toString().substring(0, 8);
  private final String tenantA = DevTokens.token("e2e-search-a", "e2e-app", "reader,writer");
  private final String tenantB = DevTokens.token("e2e-search-b", "e2e-app", "reader,writer");

  @Test
  void aParaphraseFindsTheNewMemoryWithinASecondAndNeverAfterItsDeletion() {
    Memories memories = new Memories(tenantA);
    String job = memories.add(user, "My dog is called Rex.");
    String memory =
        memories.completed(job, Duration.ofMillis(20)).getString("result.memories.added[0]");
    long completedAt = System.nanoTime();
    assertThat(memory).as("the job added a memory").isNotNull();

    // The question shares no content word with the memory: only the vector side can find it.
    // Findable at t = a query sent at t returns it (the time a reply takes on a loaded machine
    // is not the index's delay).
    long askedAt = completedAt;
    while (!ids(tenantA, "hybrid").contains(memory)) {
      assertThat(System.nanoTime() - completedAt)
          .as("not found within 5 s of the job completing")
          .isLessThan(Duration.ofSeconds(5).toNanos());
      askedAt = System.nanoTime();
    }
    long delayMs = Duration.ofNanos(askedAt - completedAt).toMillis();
    System.out.printf("paraphrase findable %d ms after the job completed%n", delayMs);
    assertThat(delayMs).as("findable within 1 s of the job completing").isLessThanOrEqualTo(1000);
    assertThat(ids(tenantA, "keyword")).as("no shared keyword").doesNotContain(memory);
    assertThat(ids(tenantB, "hybrid")).as("tenant B, same user id").isEmpty();

    memories.request().delete("/api/v1/memories/" + memory).then().statusCode(204);
    Awaitility.await("the deleted memory leaves the index")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !ids(tenantA, "hybrid").contains(memory));
    // Never again: not by any mode, not on a later read (the cache was invalidated too).
    for (int i = 0; i < 3; i++) {
      for (String mode : List.of("hybrid", "vector", "keyword")) {
        assertThat(ids(tenantA, mode)).as("mode %s after delete", mode).doesNotContain(memory);
      }
    }
  }

  private List<String> ids(String token, String mode) {
    return given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(Map.of("user_id", user, "query", QUESTION, "mode", mode))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(200)
        .extract()
        .path("memories.id");
  }
}
