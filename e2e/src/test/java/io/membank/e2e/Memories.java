package io.membank.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/** memory-service through the gateway, as one caller: add a memory, wait for its job. */
record Memories(String token) {

  /** A request through the gateway with the caller's credential. */
  RequestSpecification request() {
    return given().baseUri(Stack.current().gatewayUrl()).auth().oauth2(token);
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
}
