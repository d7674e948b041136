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
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * memory-service to graph-service over Kafka, black-box through the gateway: related memories
 * appear after an add, and a delete leaves no orphan (counted in Neo4j itself).
 */
class GraphFlowIT {

  private static final String TENANT = "e2e-graph";
  private final String token = DevTokens.token(TENANT, "e2e-app", "reader,writer");
  private final String user = "graph-" + UUID.randomUUID().toString().substring(0, 8);

  private JsonPath call(String method, String path, Object body) {
    var request =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .auth()
            .oauth2(token)
            .contentType("application/json");
    if (body != null) {
      request = request.body(body);
    }
    return request.request(method, path).then().extract().jsonPath();
  }

  private String addOne(String content) {
    String job =
        call("POST", "/api/v1/memories", Map.of("user_id", user, "content", content))
            .getString("job_id");
    JsonPath done =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> call("GET", "/api/v1/jobs/" + job, null),
                j -> "completed".equals(j.getString("status")));
    return done.getString("result.memories.added[0]");
  }

  private List<String> related(String memoryId) {
    var r =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .auth()
            .oauth2(token)
            .get("/api/v1/memories/" + memoryId + "/related?depth=2");
    return r.statusCode() == 200 ? r.jsonPath().getList("related.id") : List.of();
  }

  @Test
  void addedMemoriesAreLinkedAndADeleteLeavesNoOrphans() {
    String coffee = addOne("I love coffee.");
    String starbucks = addOne("I work at Starbucks.");
    long completedAt = System.nanoTime();

    Awaitility.await("graph follows memory.events")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> related(starbucks).contains(coffee));
    System.out.printf(
        "GraphFlowIT: related memories visible %d ms after the job completed%n",
        (System.nanoTime() - completedAt) / 1_000_000);

    given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(token)
        .delete("/api/v1/memories/" + starbucks)
        .then()
        .statusCode(204);

    try (Driver driver = GraphDatabase.driver(Stack.current().neo4jUri(), AuthTokens.none());
        var session = driver.session()) {
      Awaitility.await("graph forgets the deleted memory")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  session
                          .run(
                              "MATCH (m:Memory {tenant: $t, id: $id}) RETURN count(m) AS n",
                              Map.of("t", TENANT, "id", starbucks))
                          .single()
                          .get("n")
                          .asLong()
                      == 0);
      long orphans =
          session
              .run(
                  "MATCH (e:Entity {tenant: $t, user_id: $u}) WHERE NOT (e)<-[:MENTIONS]-()"
                      + " RETURN count(e) AS n",
                  Map.of("t", TENANT, "u", user))
              .single()
              .get("n")
              .asLong();
      assertThat(orphans).as("entities nobody mentions any more").isZero();
      long coffeeLeft =
          session
              .run(
                  "MATCH (:Memory {tenant: $t, id: $id})-[:MENTIONS]->(e:Entity) RETURN count(e) AS n",
                  Map.of("t", TENANT, "id", coffee))
              .single()
              .get("n")
              .asLong();
      assertThat(coffeeLeft).as("the coffee memory keeps its entities").isPositive();
    }
    assertThat(related(coffee)).doesNotContain(starbucks);
  }
}
