package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * governance-service's data catalog through the gateway: loaded at start from the descriptors,
 * searchable by auditors, lineage around a topic, and a classification proposed and confirmed by an
 * admin of the operations tenant.
 */
class CatalogIT {

  private static final String BASE = "/api/v1/governance/catalog";
  private static final String OPERATIONS =
      System.getenv().getOrDefault("MEMBANK_OPERATIONS_TENANT", "operations");

  private final String tenant = "e2e-catalog-" + UUID.randomUUID().toString().substring(0, 6);

  private static RequestSpecification as(String token) {
    return given().baseUri(Stack.current().gatewayUrl()).auth().oauth2(token);
  }

  @Test
  void theCatalogIsLoadedSearchableAndClassifiedThroughTheGateway() {
    String auditor = DevTokens.token(tenant, "e2e-auditor", "auditor");
    JsonPath page =
        as(auditor)
            .queryParam("owner", "memory-service")
            .queryParam("kind", "postgres_table")
            .get(BASE + "/datasets")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getList("datasets.id", String.class))
        .contains("postgres:membank_memory.memories");

    JsonPath lineage =
        as(auditor)
            .queryParam("dataset", "kafka:memory.events")
            .get(BASE + "/lineage")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(lineage.getList("nodes.id", String.class))
        .contains("lucene:memories", "neo4j-label:Memory", "flow:memory-service/outbox-relay");
    assertThat(lineage.getString("mermaid")).startsWith("flowchart LR");

    as(auditor).queryParam("limit", 0).get(BASE + "/datasets").then().statusCode(400);
    as(DevTokens.token(tenant, "e2e-writer", "writer"))
        .get(BASE + "/datasets")
        .then()
        .statusCode(403);

    String operator = DevTokens.token(OPERATIONS, "e2e-operator", "admin");
    String id = "postgres:membank_memory.memories";
    String proposal =
        as(operator)
            .contentType(ContentType.JSON)
            .body(
                "{\"samples\": [{\"field\": \"content\", \"values\": [\"mail me at e2e@example.com\"]}]}")
            .post(BASE + "/datasets/" + id + "/classify")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("id");
    as(operator)
        .contentType(ContentType.JSON)
        .body("{\"proposal_id\": \"" + proposal + "\"}")
        .post(BASE + "/datasets/" + id + "/confirm")
        .then()
        .statusCode(200);
    assertThat(
            as(auditor)
                .get(BASE + "/datasets/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("confirmation.by"))
        .isEqualTo("e2e-operator");
  }
}
