package io.membank.governance.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.Topics;
import io.membank.governance.catalog.domain.Catalog;
import io.membank.governance.catalog.domain.DatasetDescriptor;
import io.membank.governance.catalog.domain.ServiceDescriptor;
import io.membank.governance.catalog.service.CatalogLoader;
import io.membank.governance.catalog.store.CatalogStore;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The catalog API on real PostgreSQL and Kafka, with the descriptors loaded at start. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class CatalogResourceTest {

  private static final String BASE = "/api/v1/governance/catalog";
  private static final String OPERATOR = "ops";

  @Inject CatalogLoader loader;

  private static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String auditor() {
    return TestTokens.token(tenant(), "aud-1", "auditor");
  }

  private static String operator() {
    return TestTokens.token(OPERATOR, "op-1", "admin");
  }

  private static Response confirm(String dataset, String body) {
    return given()
        .auth()
        .oauth2(operator())
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(BASE + "/datasets/" + dataset + "/confirm");
  }

  private static void putPolicy(String token) {
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"region\": \"eu\", \"default_action\": \"allow\", \"rules\": []}")
        .when()
        .put("/api/v1/governance/policies")
        .then()
        .statusCode(200);
  }

  private static Response classify(String dataset, String body) {
    var request = given().auth().oauth2(operator()).contentType(ContentType.JSON);
    return request.body(body).when().post(BASE + "/datasets/" + dataset + "/classify");
  }

  @Test
  void every_described_dataset_is_listed_page_by_page_with_search_and_filters() {
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("owner", "memory-service")
        .queryParam("kind", "postgres_table")
        .queryParam("limit", 2)
        .queryParam("offset", 3)
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(200)
        // batches, budget_states, jobs, memories, memory_history, outbox (sorted by id)
        .body("total", equalTo(6))
        .body("limit", equalTo(2))
        .body("offset", equalTo(3))
        .body("datasets", hasSize(2))
        .body("datasets[0].id", equalTo("postgres:membank_memory.memories"));

    given()
        .auth()
        .oauth2(auditor())
        .queryParam("q", "CIPHERTEXT")
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(200)
        .body("datasets.id", hasItem("postgres:membank_governance.token_vault"))
        .body("datasets.id", hasItem("kafka:governance.vault"));

    given()
        .auth()
        .oauth2(auditor())
        .queryParam("classification", "Restricted")
        .queryParam("limit", 200)
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(200)
        .body("datasets.classification", everyItem(equalTo("restricted")))
        .body("datasets.id", hasItem("postgres:membank_governance.token_vault"));

    int all = RepositoryTree.catalog().datasets().size();
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("limit", 200)
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(200)
        .body("total", equalTo(all));
  }

  @Test
  void a_dataset_has_its_schema_owner_classification_and_version() {
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get(BASE + "/datasets/postgres:membank_governance.token_vault")
        .then()
        .statusCode(200)
        .body("owner", equalTo("governance-service"))
        .body("kind", equalTo("postgres_table"))
        .body("store", equalTo("membank_governance"))
        .body("declared_classification", equalTo("restricted"))
        .body("required_by_fields", equalTo("restricted"))
        .body("tenant_field", equalTo("tenant_id"))
        .body(
            "fields.find { it.name == 'ciphertext' }.contains",
            equalTo(List.of("PII", "FINANCIAL")))
        .body("fields.find { it.name == 'ciphertext' }.classification", equalTo("restricted"))
        .body("fields.find { it.name == 'service' }.classification", equalTo("internal"));
  }

  @Test
  void malformed_queries_are_400_naming_the_field_and_unknown_ids_404() {
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("limit", 0)
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("limit"));
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("limit", "ten")
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("classification", "secret")
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("classification"));
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("kind", "mysql")
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("kind"));
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get(BASE + "/datasets/postgres:nowhere.nothing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void control_characters_and_foreign_characters_in_ids_and_search_are_400_not_500() {
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("q", "tok\u0000en")
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("q"));
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get(BASE + "/datasets/postgres:bad table")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("dataset", "kafka:x\u0000")
        .when()
        .get(BASE + "/lineage")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("dataset"));
  }

  @Test
  void writers_may_not_read_the_catalog_and_tenant_admins_may_not_classify_it() {
    String writer = TestTokens.token(tenant(), "w-1", "writer");
    given().auth().oauth2(writer).when().get(BASE + "/datasets").then().statusCode(403);
    given().auth().oauth2(writer).when().get(BASE + "/lineage").then().statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.token(tenant(), "a-1", "admin"))
        .contentType(ContentType.JSON)
        .body("{}")
        .when()
        .post(BASE + "/datasets/postgres:membank_governance.privacy_policy/classify")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void loading_again_is_idempotent_a_changed_entry_is_a_new_version_and_a_dropped_one_retired() {
    Catalog checkedIn = loader.descriptors();
    assertThat(loader.load(checkedIn))
        .isEqualTo(new CatalogStore.LoadCounts(0, 0, checkedIn.datasets().size(), 0));

    String id = "postgres:membank_diagnostics.metric_rollup";
    CatalogStore.LoadCounts changed = loader.load(edited(checkedIn, id, true));
    assertThat(changed.changed()).isEqualTo(1);
    assertThat(changed.retired()).isZero();
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get(BASE + "/datasets/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("description", equalTo("edited in a test"));

    CatalogStore.LoadCounts dropped = loader.load(edited(checkedIn, id, false));
    assertThat(dropped.retired()).isEqualTo(1);
    given()
        .auth()
        .oauth2(auditor())
        .queryParam("q", "metric_rollup")
        .when()
        .get(BASE + "/datasets")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));

    CatalogStore.LoadCounts restored = loader.load(checkedIn);
    assertThat(restored.changed()).isEqualTo(1);
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get(BASE + "/datasets/" + id)
        .then()
        .statusCode(200)
        .body("version", equalTo(3))
        .body("retired_at", nullValue());
  }

  /** The checked-in catalog with one dataset's description edited, or the dataset left out. */
  private static Catalog edited(Catalog catalog, String id, boolean keep) {
    List<ServiceDescriptor> services = new ArrayList<>();
    catalog.datasets().values().stream()
        .map(Catalog.Entry::owner)
        .distinct()
        .forEach(
            owner -> {
              List<DatasetDescriptor> datasets = new ArrayList<>();
              for (Catalog.Entry e : catalog.datasets().values()) {
                if (!e.owner().equals(owner)) {
                  continue;
                }
                DatasetDescriptor d = e.dataset();
                if (e.id().equals(id)) {
                  if (!keep) {
                    continue;
                  }
                  d =
                      new DatasetDescriptor(
                          d.kind(),
                          d.store(),
                          d.name(),
                          d.location(),
                          "edited in a test",
                          d.classification(),
                          d.tenantField(),
                          d.freshnessField(),
                          d.fields());
                }
                datasets.add(d);
              }
              services.add(new ServiceDescriptor(owner, datasets, List.of()));
            });
    return Catalog.of(services);
  }

  @Test
  void lineage_is_a_graph_of_datasets_and_flows_with_a_mermaid_picture() {
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get(BASE + "/lineage")
        .then()
        .statusCode(200)
        .body("nodes.id", hasItem("flow:search-service/indexer"))
        .body(
            "edges",
            hasItem(
                java.util.Map.of(
                    "from",
                    "kafka:memory.events",
                    "to",
                    "flow:search-service/indexer",
                    "relation",
                    "reads")))
        .body("mermaid", startsWith("flowchart LR"));

    given()
        .auth()
        .oauth2(auditor())
        .queryParam("dataset", "kafka:memory.events")
        .when()
        .get(BASE + "/lineage")
        .then()
        .statusCode(200)
        .body("nodes.id", hasItem("postgres:membank_memory.outbox"))
        .body("nodes.id", hasItem("lucene:memories"))
        .body("nodes.id", hasItem("neo4j-label:Entity"))
        // Scoped, not the whole catalog: the erasure saga links every service holding personal data
        // (confirmations flow back through governance), diagnostics' own samples stay outside.
        .body("nodes.id", not(hasItem("postgres:membank_diagnostics.metric_sample")));

    given()
        .auth()
        .oauth2(auditor())
        .queryParam("dataset", "kafka:nowhere")
        .when()
        .get(BASE + "/lineage")
        .then()
        .statusCode(404);
  }

  @Test
  void governance_samples_its_own_table_proposes_with_evidence_and_audits_the_run() {
    String tenant = tenant();
    putPolicy(TestTokens.token(tenant, "ana.lima@example.com", "admin"));

    Response proposal = classify("postgres:membank_governance.privacy_policy", "{}");
    proposal
        .then()
        .statusCode(200)
        .body("source", equalTo("store"))
        .body("status", equalTo("proposed"))
        .body("proposed", equalTo("confidential"))
        .body("evidence.fields.find { it.field == 'updated_by' }.types.type", hasItem("EMAIL"))
        .body(
            "evidence.fields.find { it.field == 'updated_by' }.proposed", equalTo("confidential"));
    assertThat(proposal.asString()).doesNotContain("ana.lima@example.com");

    String proposalId = proposal.path("id");
    JsonNode audit =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            r -> proposalId.equals(r.path("data").path("details").path("proposal_id").asText()));
    assertThat(audit.path("data").path("tenant_id").asText()).isEqualTo(OPERATOR);
    assertThat(audit.path("data").path("action").asText()).isEqualTo("access");
    assertThat(audit.path("data").path("resource").path("id").asText())
        .isEqualTo("postgres:membank_governance.privacy_policy");
  }

  @Test
  void another_services_dataset_is_classified_from_posted_samples_and_confirmed_by_an_operator() {
    String id = "postgres:membank_memory.memory_history";
    classify(id, "{}")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("samples"));
    classify(id, "{\"samples\": [{\"field\": \"colour\", \"values\": [\"red\"]}]}")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("samples[0].field"));

    Response proposal =
        classify(
            id,
            """
        {"samples": [
          {"field": "content", "values": ["my card is 4111 1111 1111 1111", "I like tea", null]},
          {"field": "reason", "values": ["extracted", "merged"]}]}
        """);
    proposal
        .then()
        .statusCode(200)
        .body("source", equalTo("samples"))
        .body("proposed", equalTo("restricted"))
        .body("evidence.sampled_values", equalTo(5))
        .body("evidence.fields[0].types[0].type", equalTo("PAYMENT_CARD"))
        .body("evidence.fields[0].non_null", equalTo(2))
        .body("evidence.fields[1].proposed", equalTo("internal"));
    assertThat(proposal.asString()).doesNotContain("4111");
    String proposalId = proposal.path("id");

    confirm(id, "{\"proposal_id\": \"" + proposalId + "\", \"classification\": \"top-secret\"}")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("classification"));
    confirm(id, "{}").then().statusCode(400).body("errors[0].field", equalTo("proposal_id"));

    confirm(id, "{\"proposal_id\": \"" + proposalId + "\"}")
        .then()
        .statusCode(200)
        .body("status", equalTo("confirmed"))
        .body("confirmed_classification", equalTo("restricted"))
        .body("confirmed_by", equalTo("op-1"));
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get(BASE + "/datasets/" + id)
        .then()
        .statusCode(200)
        .body("classification", equalTo("restricted"))
        .body("declared_classification", equalTo("confidential"))
        .body("confirmation.by", equalTo("op-1"));
    confirm(id, "{\"proposal_id\": \"" + proposalId + "\"}").then().statusCode(409);

    JsonNode audit =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            r ->
                proposalId.equals(r.path("data").path("details").path("proposal_id").asText())
                    && "modify".equals(r.path("data").path("action").asText()));
    assertThat(audit.path("data").path("details").path("from").asText()).isEqualTo("confidential");
    assertThat(audit.path("data").path("details").path("to").asText()).isEqualTo("restricted");
  }

  @Test
  void quality_is_measured_on_own_tables_over_the_callers_tenant_and_explained_elsewhere() {
    String tenant = tenant();
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    for (int i = 0; i < 2; i++) {
      putPolicy(admin);
    }

    given()
        .auth()
        .oauth2(admin)
        .when()
        .get(BASE + "/datasets/postgres:membank_governance.privacy_policy/quality")
        .then()
        .statusCode(200)
        .body("measured", equalTo(true))
        .body("scope", equalTo("tenant"))
        .body("rows", equalTo(2))
        .body("fields.find { it.field == 'updated_by' }.null_rate", equalTo(0.0f))
        .body("freshest", not(nullValue()))
        .body("age_seconds", not(nullValue()));
    given()
        .auth()
        .oauth2(operator())
        .when()
        .get(BASE + "/datasets/postgres:membank_governance.privacy_policy/quality")
        .then()
        .statusCode(200)
        .body("scope", equalTo("all"));
    given()
        .auth()
        .oauth2(admin)
        .when()
        .get(BASE + "/datasets/postgres:membank_memory.memories/quality")
        .then()
        .statusCode(200)
        .body("measured", equalTo(false))
        .body("reason", startsWith("owned by memory-service"));
  }
}
