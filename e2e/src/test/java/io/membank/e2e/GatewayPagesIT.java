package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public pages of the gateway (routes.yaml {@code pages:}): the one API document, Swagger UI
 * served offline, the graph page; no credential needed, GET only.
 */
class GatewayPagesIT {

  static String gateway() {
    return Stack.current().gatewayUrl();
  }

  @Test
  void theApiDocumentIsTheCheckedInMergeOfEveryServicesDocument() throws Exception {
    String served =
        given()
            .baseUri(gateway())
            .get("/api/v1/openapi.json")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    ObjectMapper json = new ObjectMapper();
    JsonNode doc = json.readTree(served);
    JsonNode checkedIn =
        json.readTree(Files.readString(Cli.root().resolve("gateway-config/openapi/openapi.json")));
    assertThat(doc).isEqualTo(checkedIn);
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    List<String> paths = new ArrayList<>();
    doc.path("paths").fieldNames().forEachRemaining(paths::add);
    // Every service's public API is in the one document; nothing internal is.
    assertThat(paths)
        .contains(
            "/api/v1/memories",
            "/api/v1/memories/search",
            "/api/v1/users/{user_id}/graph",
            "/api/v1/audit/events")
        .noneMatch(p -> p.startsWith("/internal/"));
  }

  @Test
  void swaggerUiIsServedOfflineByTheGateway() {
    given()
        .baseUri(gateway())
        .get("/api/v1/docs/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("swagger-ui-bundle.js"))
        .body(containsString("default-src 'self'"));
    String bundle =
        given()
            .baseUri(gateway())
            .get("/api/v1/docs/swagger-ui-bundle.js")
            .then()
            .statusCode(200)
            .contentType(containsString("javascript"))
            .extract()
            .asString();
    assertThat(bundle).contains("SwaggerUIBundle");
    given()
        .baseUri(gateway())
        .get("/api/v1/docs/docs.js")
        .then()
        .statusCode(200)
        .body(containsString("../openapi.json"));
  }

  @Test
  void theGraphPageIsReachedThroughTheGateway() {
    given()
        .baseUri(gateway())
        .get("/graph/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<form id=\"open\""));
    given()
        .baseUri(gateway())
        .get("/graph/vendor/cytoscape/cytoscape.min.js")
        .then()
        .statusCode(200);
  }

  @Test
  void pagesAreReadOnly() {
    for (String path : List.of("/graph/index.html", "/api/v1/docs/", "/api/v1/openapi.json")) {
      given()
          .baseUri(gateway())
          .contentType("application/json")
          .body("{}")
          .post(path)
          .then()
          .statusCode(405)
          .header("Allow", equalTo("GET, HEAD"))
          .contentType("application/problem+json");
    }
  }
}
