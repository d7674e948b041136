package io.membank.testkit.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The surface every MemBank service has, tested the same way in each: readiness on its real stores,
 * build info, Prometheus metrics, the checked-in OpenAPI document, and credential checks on its
 * whoami endpoint. A service's test is a {@code @QuarkusTest} subclass that names itself and its
 * test resources.
 */
public abstract class ServiceSurfaceContract {

  private final String application;
  private final String area;
  private final List<String> readinessChecks;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  /**
   * @param application the service's application and artifact name, e.g. {@code memory-service}
   * @param area the path segment of its whoami endpoint, {@code /api/v1/<area>/whoami}
   * @param readinessChecks names of the readiness checks its real stores must contribute
   */
  protected ServiceSurfaceContract(String application, String area, List<String> readinessChecks) {
    this.application = application;
    this.area = area;
    this.readinessChecks = readinessChecks;
  }

  /** Scheme, host and port of the management interface (its injected URL ends in /q/). */
  private String managementRoot() {
    return management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
  }

  private String whoAmI() {
    return "/api/v1/" + area + "/whoami";
  }

  @Test
  void logsGoThroughTheRedactionFilterAndNameServiceAndVersion() {
    // The filter itself is proven in platform/http (RedactedLogsTest); this proves the wiring.
    String filter =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.log.console.filter", String.class)
            .orElse("");
    assertThat(filter).as("quarkus.log.console.filter").isEqualTo("membank-redaction");
    // JSON log lines name the service and its version (the prod profile logs JSON).
    var config = ConfigProvider.getConfig();
    assertThat(
            config.getOptionalValue(
                "quarkus.log.console.json.additional-field.service.value", String.class))
        .contains(config.getValue("quarkus.application.name", String.class));
    assertThat(
            config.getOptionalValue(
                "quarkus.log.console.json.additional-field.version.value", String.class))
        .contains(config.getValue("quarkus.application.version", String.class));
  }

  @Test
  void readinessChecksTheRealStores() {
    given()
        .baseUri(managementRoot())
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems(readinessChecks.toArray(String[]::new)));
  }

  @Test
  void infoNamesTheServiceAndItsVersion() {
    given()
        .baseUri(managementRoot())
        .get("/q/info")
        .then()
        .statusCode(200)
        .body("build.artifact", equalTo(application))
        .body("build.version", equalTo("0.1.0-SNAPSHOT"));
  }

  @Test
  void metricsAreServedForPrometheus() {
    given()
        .baseUri(managementRoot())
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
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
  void openApiDocumentsEveryAnswerAndEveryField() throws Exception {
    String served =
        given()
            .baseUri(managementRoot())
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(OpenApiCompleteness.gaps(OpenApiContract.parse(served)))
        .as(
            "operations without a success response schema or problem+json errors, and fields"
                + " without a description (see docs/api.md: documenting an operation)")
        .isEmpty();
  }

  @Test
  void missingCredentialIsA401Problem() {
    given()
        .get(whoAmI())
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
        .get(whoAmI())
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.withoutTenant("u-1", "reader"))
        .get(whoAmI())
        .then()
        .statusCode(401);
  }

  @Test
  void validCredentialResolvesTenantSubjectAndRoles() {
    given()
        .auth()
        .oauth2(TestTokens.token("acme", "u-1", "reader", "unknown-role"))
        .header("X-Request-Id", "req-123")
        .get(whoAmI())
        .then()
        .statusCode(200)
        .header("X-Request-Id", "req-123")
        .body("service", equalTo(application))
        .body("tenant", equalTo("acme"))
        .body("subject", equalTo("u-1"))
        .body("roles", contains("reader"));
  }
}
