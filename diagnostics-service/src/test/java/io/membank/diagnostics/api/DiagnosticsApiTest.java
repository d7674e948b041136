package io.membank.diagnostics.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.membank.diagnostics.support.FakeSuiteResource;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnostics loop through its API, on real PostgreSQL and Kafka and real HTTP targets. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakeSuiteResource.class)
class DiagnosticsApiTest {

  static final String OPS_ADMIN = TestTokens.token("operations", "oncall", "admin");

  @Inject AgroalDataSource db;

  @Test
  void aKilledServiceIsDiagnosedPagedRestartedAndAudited() throws Exception {
    JsonPath run =
        given()
            .auth()
            .oauth2(OPS_ADMIN)
            .post("/api/v1/diagnostics/run")
            .then()
            .statusCode(200)
            .body("symptoms.type", hasItem("service_down"))
            .extract()
            .jsonPath();
    assertThat(run.getList("diagnoses.issue_id", String.class))
        .containsExactly("service-process-down");
    assertThat(run.getList("diagnoses[0].components", String.class))
        .containsExactly("graph-service");
    String id = run.getString("diagnoses[0].id");

    // memory-service is healthy: no symptom names it
    assertThat(run.getList("symptoms.component", String.class)).doesNotContain("memory-service");

    JsonPath one =
        given()
            .auth()
            .oauth2(OPS_ADMIN)
            .get("/api/v1/diagnostics/diagnoses/" + id)
            .then()
            .statusCode(200)
            .body("status", equalTo("open"))
            .body("severity", equalTo("critical"))
            .extract()
            .jsonPath();
    assertThat(one.getString("paged_at")).isNotNull();
    assertThat(one.getList("actions.type", String.class)).containsExactly("restart_service");
    assertThat(one.getString("actions[0].target")).isEqualTo("graph-service");
    assertThat(one.getString("actions[0].status")).isEqualTo("executed");
    assertThat(one.getString("actions[0].verify_at")).isNotNull();

    FakeSuiteResource.server.verify(
        postRequestedFor(urlEqualTo("/v2/enqueue"))
            .withRequestBody(
                equalToJson(
                    "{\"routing_key\":\"test-routing-key\",\"event_action\":\"trigger\",\"dedup_key\":\""
                        + id
                        + "\"}",
                    true,
                    true)));

    // a second run refreshes the same diagnosis and does not restart again
    given().auth().oauth2(OPS_ADMIN).post("/api/v1/diagnostics/run").then().statusCode(200);
    given()
        .auth()
        .oauth2(OPS_ADMIN)
        .get("/api/v1/diagnostics/diagnoses?status=open")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].id", equalTo(id));
    given()
        .auth()
        .oauth2(OPS_ADMIN)
        .get("/api/v1/diagnostics/actions")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));

    // the diagnosis and the action were written to the outbox for diagnostics.events and
    // audit.events
    assertThat(outboxTopics()).anyMatch(t -> t.startsWith("diagnostics.events"));
    assertThat(outboxTopics()).anyMatch(t -> t.startsWith("audit.events"));
  }

  @Test
  void onlyAdminsOfTheOperationsTenantMayReadOrAct() {
    given().get("/api/v1/diagnostics/diagnoses").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.token("operations", "viewer", "reader"))
        .get("/api/v1/diagnostics/diagnoses")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.token("acme", "boss", "admin"))
        .get("/api/v1/diagnostics/diagnoses")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.token("acme", "boss", "admin"))
        .post("/api/v1/diagnostics/run")
        .then()
        .statusCode(403);
  }

  @Test
  void badInputIsAProblemDocument() {
    given()
        .auth()
        .oauth2(OPS_ADMIN)
        .get("/api/v1/diagnostics/diagnoses?cursor=garbage")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(OPS_ADMIN)
        .get("/api/v1/diagnostics/diagnoses?status=maybe")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(OPS_ADMIN)
        .get("/api/v1/diagnostics/diagnoses/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(OPS_ADMIN)
        .post("/api/v1/diagnostics/actions/00000000-0000-0000-0000-000000000000/approve")
        .then()
        .statusCode(404);
  }

  private List<String> outboxTopics() throws Exception {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery("select distinct topic from outbox")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
