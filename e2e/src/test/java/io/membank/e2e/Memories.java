package io.membank.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * memory-service as one caller: add memories (one or a batch), wait for their jobs, list a user's
 * memories. Through the gateway by default, or straight at a base URL (memory-service itself, when
 * a test restarts parts of the stack behind the gateway).
 */
record Memories(String baseUrl, String token) {

  /** Through the gateway. */
  Memories(String token) {
    this(Stack.current().gatewayUrl(), token);
  }

  /** A request with the caller's credential. */
  RequestSpecification request() {
    return given().baseUri(baseUrl).auth().oauth2(token);
  }

  /** {@code POST /api/v1/memories}; returns the job id (202). */
  String add(String user, String content) {
    return add(request(), user, content);
  }

  /** The same, on a request the caller prepared (e.g. with a {@code traceparent} header). */
  String add(RequestSpecification prepared, String user, String content) {
    return prepared
        .contentType("application/json")
        .body(Map.of("user_id", user, "content", content))
        .post("/api/v1/memories")
        .then()
        .statusCode(202)
        .extract()
        .path("job_id");
  }

  /** {@code POST /api/v1/memories/batch}; returns the batch id (202). */
  String addBatch(String user, List<Map<String, Object>> conversations) {
    return request()
        .contentType("application/json")
        .body(Map.of("user_id", user, "conversations", conversations))
        .post("/api/v1/memories/batch")
        .then()
        .statusCode(202)
        .extract()
        .path("batch_id");
  }

  /** The job's status now. */
  String jobStatus(String jobId) {
    return request().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().path("status");
  }

  /** The job once completed, polled every {@code poll} for up to 30 s. */
  JsonPath completed(String jobId, Duration poll) {
    return Awaitility.await("job " + jobId + " completes")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(poll)
        .until(
            () ->
                request().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath(),
            j -> "completed".equals(j.getString("status")));
  }

  /** The batch once every job of it completed, polled every second for up to {@code atMost}. */
  JsonPath batchCompleted(String batchId, Duration atMost) {
    return Awaitility.await("batch " + batchId + " completes")
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                request()
                    .get("/api/v1/batches/" + batchId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            b -> "completed".equals(b.getString("status")));
  }

  /** {@code GET /api/v1/users/{user}/memories?limit=}: the first page and its total. */
  JsonPath of(String user, int limit) {
    return request()
        .get("/api/v1/users/" + user + "/memories?limit=" + limit)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
