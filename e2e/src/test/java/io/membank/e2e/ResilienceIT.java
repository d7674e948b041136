package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Accepted writes survive a dead broker and a killed service: the acceptance tests of the
 * foundation and memory-service issues, against the running suite. Runs last (it restarts parts of
 * the stack).
 */
@Order(Integer.MAX_VALUE)
class ResilienceIT {

  private final String token = DevTokens.token("e2e-resilience", "e2e-app", "reader,writer");

  private static Stack.Service service(String name) {
    return Stack.current().service(name);
  }

  private static int readiness(Stack.Service s) {
    return given().baseUri(s.managementUrl()).get("/q/health/ready").statusCode();
  }

  private static long pidOf(String path) {
    return Cli.status().getLong(path);
  }

  private static void kill9(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());
  }

  /** memory-service itself, not through the gateway (parts of the stack restart here). */
  private Memories memories() {
    return new Memories(service("memory").url(), token);
  }

  private static String word() {
    return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @Test
  void writesAreAcceptedWhileTheBrokerIsDownAndCompleteAfterwards() {
    long devstack = pidOf("devstack.pid");
    List<Stack.Service> kafkaOrNeo4j =
        List.of(service("memory"), service("search"), service("graph"));
    List<Long> servicePids = new ArrayList<>();
    for (Stack.Service s : kafkaOrNeo4j) {
      servicePids.add(pidOf("services.find { it.name == '" + s.name() + "' }.pid"));
    }

    long killedAt = System.nanoTime();
    kill9(devstack);
    // Watch every service at once (own threads: the common pool has one on 2 cores): each must
    // report DOWN within 15 s of the kill.
    ExecutorService watchers = Executors.newVirtualThreadPerTaskExecutor();
    List<CompletableFuture<Double>> downAfter =
        kafkaOrNeo4j.stream()
            .map(
                s ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          Awaitility.await("readiness DOWN of " + s)
                              .atMost(Duration.ofSeconds(15))
                              .pollInterval(Duration.ofMillis(250))
                              .until(() -> readiness(s) == 503);
                          return (System.nanoTime() - killedAt) / 1e9;
                        },
                        watchers))
            .toList();
    for (int i = 0; i < kafkaOrNeo4j.size(); i++) {
      double seconds = downAfter.get(i).join();
      System.out.printf(
          "e2e.readiness.down service=%s seconds=%.1f%n", kafkaOrNeo4j.get(i), seconds);
      assertThat(seconds)
          .as("%s DOWN after the kill", kafkaOrNeo4j.get(i))
          .isLessThanOrEqualTo(15.0);
    }
    watchers.close();

    String user = "res-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      jobs.add(memories().add(user, "I visited " + word() + "."));
    }
    assertThat(jobs).hasSize(200).doesNotHaveDuplicates();

    Cli.run(300, "up");
    for (Stack.Service s : kafkaOrNeo4j) {
      Awaitility.await("readiness UP of " + s)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> readiness(s) == 200);
    }
    List<Long> after = new ArrayList<>();
    for (Stack.Service s : kafkaOrNeo4j) {
      after.add(pidOf("services.find { it.name == '" + s.name() + "' }.pid"));
    }
    assertThat(after).as("services were not restarted").isEqualTo(servicePids);

    Awaitility.await("all 200 jobs completed")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> jobs.stream().allMatch(j -> "completed".equals(memories().jobStatus(j))));
    assertThat(memories().of(user, 1).getLong("total")).isEqualTo(200);
  }

  @Test
  void killingMemoryServiceMidBatchCompletesEveryJobExactlyOnce() {
    String user = "kill-" + UUID.randomUUID().toString().substring(0, 8);
    List<Map<String, Object>> conversations = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String content = "I visited " + word() + ".";
      contents.add(content);
      conversations.add(
          Map.of(
              "session_id",
              "s" + i,
              "messages",
              List.of(Map.of("role", "user", "content", content))));
    }
    String batchId = memories().addBatch(user, conversations);

    kill9(pidOf("services.find { it.name == 'memory' }.pid"));
    Cli.run(300, "up");

    JsonPath batch = memories().batchCompleted(batchId, Duration.ofSeconds(180));
    assertThat(batch.getMap("jobs_by_status")).containsOnlyKeys("completed");

    List<String> stored = memories().of(user, 100).getList("memories.content");
    Map<String, Integer> counts = new HashMap<>();
    stored.forEach(c -> counts.merge(c, 1, Integer::sum));
    assertThat(counts)
        .as("each fact stored exactly once")
        .hasSize(60)
        .allSatisfy((c, n) -> assertThat(n).isEqualTo(1));
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(contents);
  }

  @Test
  void killingSearchServiceWhileItIndexesLosesNoMemoryFromTheIndex() {
    String user = "reindex-" + UUID.randomUUID().toString().substring(0, 8);
    List<Map<String, Object>> conversations = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      conversations.add(
          Map.of(
              "session_id",
              "s" + i,
              "messages",
              List.of(Map.of("role", "user", "content", "I visited " + word() + "."))));
    }
    String batchId = memories().addBatch(user, conversations);

    // Kill it as soon as the first memories of the batch are searchable: mid-stream.
    Awaitility.await("search-service starts indexing the batch")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> indexed(user) > 0);
    int beforeKill = indexed(user);
    kill9(pidOf("services.find { it.name == 'search' }.pid"));
    Cli.run(300, "up");

    memories().batchCompleted(batchId, Duration.ofSeconds(180));
    long stored = memories().of(user, 1).getLong("total");
    assertThat(stored).isEqualTo(60);
    Awaitility.await("the restarted search-service indexes every stored memory")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> indexed(user) == stored);
    System.out.printf(
        "search-service killed with %d of %d memories indexed; all %d indexed after restart%n",
        beforeKill, stored, stored);
  }

  /** How many of the user's memories search-service finds (every content has "visited"). */
  private int indexed(String user) {
    List<String> ids =
        given()
            .baseUri(service("search").url())
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(Map.of("user_id", user, "query", "visited", "mode", "keyword", "limit", 100))
            .post("/api/v1/memories/search")
            .then()
            .statusCode(200)
            .extract()
            .path("memories.id");
    return ids.size();
  }
}
