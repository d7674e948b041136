package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One base URL: every service's API through the local gateway, authenticated by each service. */
class GatewayIT {

  static List<Stack.Service> services() {
    return Stack.current().apiServices();
  }

  static String gateway() {
    return Stack.current().gatewayUrl();
  }

  @ParameterizedTest
  @MethodSource("services")
  void tokenReachesEveryServiceThroughTheGateway(Stack.Service service) {
    String token = DevTokens.token("e2e-tenant", "e2e-user", "reader");
    given()
        .baseUri(gateway())
        .auth()
        .oauth2(token)
        .get("/api/v1/" + service.name() + "/whoami")
        .then()
        .statusCode(200)
        .header("X-Request-Id", notNullValue())
        .body("service", equalTo(service.application()))
        .body("tenant", equalTo("e2e-tenant"))
        .body("subject", equalTo("e2e-user"));
  }

  @ParameterizedTest
  @MethodSource("services")
  void noTokenIsA401ProblemFromTheService(Stack.Service service) {
    given()
        .baseUri(gateway())
        .get("/api/v1/" + service.name() + "/whoami")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("https://membank.io/problems/unauthenticated"));
  }

  @Test
  void revokedCredentialIsRefusedByEveryService() {
    String token = DevTokens.token("e2e-tenant", "e2e-revoked", "reader");
    for (Stack.Service service : services()) {
      given()
          .baseUri(gateway())
          .auth()
          .oauth2(token)
          .get("/api/v1/" + service.name() + "/whoami")
          .then()
          .statusCode(200);
    }

    Cli.run(60, "revoke", "--token", token);

    for (Stack.Service service : services()) {
      given()
          .baseUri(gateway())
          .auth()
          .oauth2(token)
          .get("/api/v1/" + service.name() + "/whoami")
          .then()
          .statusCode(401);
    }
  }

  @Test
  void readerCannotWrite() {
    String reader = DevTokens.token("e2e-tenant", "e2e-reader", "reader");
    given()
        .baseUri(gateway())
        .auth()
        .oauth2(reader)
        .contentType("application/json")
        .body(Map.of("user_id", "u1", "content", "I like jazz."))
        .post("/api/v1/memories")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void managementEndpointsAreNotExposedByTheGateway() {
    given().baseUri(gateway()).get("/q/health").then().statusCode(404);
    given().baseUri(gateway()).get("/q/metrics").then().statusCode(404);
  }
}
