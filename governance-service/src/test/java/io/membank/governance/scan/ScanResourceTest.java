package io.membank.governance.scan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/governance/scan on the real service. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class ScanResourceTest {

  private static final String PATH = "/api/v1/governance/scan";
  private static final String TEXT =
      "Mail anna.k@example.org or call +86 138 0013 8000, card 4111 1111 1111 1111.";

  @Test
  void a_reader_gets_each_finding_with_type_span_and_detector_but_never_the_value() {
    given()
        .auth()
        .oauth2(TestTokens.token("acme", "u-1", "reader"))
        .contentType(ContentType.JSON)
        .body(Map.of("text", TEXT))
        .when()
        .post(PATH)
        .then()
        .statusCode(200)
        .body("findings", hasSize(3))
        .body("findings[0].type", equalTo("EMAIL"))
        .body("findings[0].start", equalTo(5))
        .body("findings[0].end", equalTo(23))
        .body("findings[0].detector", equalTo("email"))
        .body("findings.type", hasItem("PHONE"))
        .body("findings.type", hasItem("PAYMENT_CARD"))
        .body("summary.type", hasItem("EMAIL"))
        .body(not(containsString("anna.k@example.org")))
        .body(not(containsString("4111")));
  }

  @Test
  void a_missing_or_oversized_text_is_a_400_problem_naming_the_field() {
    given()
        .auth()
        .oauth2(TestTokens.token("acme", "u-1", "writer"))
        .contentType(ContentType.JSON)
        .body(Map.of("note", "no text"))
        .when()
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(containsString("text"));
    given()
        .auth()
        .oauth2(TestTokens.token("acme", "u-1", "writer"))
        .contentType(ContentType.JSON)
        .body(Map.of("text", "x".repeat(65_537)))
        .when()
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void without_a_credential_the_scan_is_refused() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("text", TEXT))
        .when()
        .post(PATH)
        .then()
        .statusCode(401);
  }
}
