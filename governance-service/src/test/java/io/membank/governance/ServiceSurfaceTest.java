package io.membank.governance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.contract.OpenApiContract;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The surface every MemBank service has: health on real stores, info, metrics, OpenAPI, auth. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class ServiceSurfaceTest {

  @TestHTTPResource(value = "/", management = true)
  URL management;

  /** Scheme, host and port of the management interface (its URL above ends in /q/). */
  private String managementRoot() {
    return management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
  }

  @Test
  void readinessChecksTheRealStores() {
    given()
        .baseUri(managementRoot())
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body(
            "checks.name",
            hasItems(
                "Database connections health check",
                "Redis connection health check",
                "Kafka connection health check"));
  }

  @Test
  void infoNamesTheServiceAndItsVersion() {
    given()
        .baseUri(managementRoot())
        .get("/q/info")
        .then()
        .statusCode(200)
        .body("build.artifact", equalTo("governance-service"))
        .body("build.version", equalTo("0.1.0-SNAPSHOT"));
  }

  @Test
  void metricsAreServedForPrometheus() {
    given()
        .baseUri(managementRoot())
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
  }

  @Test
  void servedOpenApiMatchesTheCheckedInDocument() throws Exception {
    String served =
        given()
            .baseUri(managementRoot())
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    OpenApiContract.assertMatchesCheckedIn(served);
  }

  @Test
  void missingCredentialIsA401Problem() {
    given()
        .get("/api/v1/governance/whoami")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("type", equalTo("https://membank.io/problems/unauthenticated"));
  }

  @Test
  void expiredOrTenantlessCredentialsAreRefused() {
    given()
        .auth()
        .oauth2(TestTokens.expired("acme", "u-1", "reader"))
        .get("/api/v1/governance/whoami")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.withoutTenant("u-1", "reader"))
        .get("/api/v1/governance/whoami")
        .then()
        .statusCode(401);
  }

  @Test
  void validCredentialResolvesTenantSubjectAndRoles() {
    given()
        .auth()
        .oauth2(TestTokens.token("acme", "u-1", "reader", "unknown-role"))
        .header("X-Request-Id", "req-123")
        .get("/api/v1/governance/whoami")
        .then()
        .statusCode(200)
        .header("X-Request-Id", "req-123")
        .body("service", equalTo("governance-service"))
        .body("tenant", equalTo("acme"))
        .body("subject", equalTo("u-1"))
        .body("roles", org.hamcrest.Matchers.contains("reader"));
  }
}
