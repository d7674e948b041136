package io.membank.governance.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.Topics;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** GET/PUT /api/v1/governance/policies on real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class PolicyResourceTest {

  private static final String PATH = "/api/v1/governance/policies";
  private static final String REDACT_EMAILS =
      """
      {"region": "eu", "default_action": "allow",
       "rules": [{"type": "EMAIL", "action": "REDACT"},
                 {"data_class": "FINANCIAL", "region": "EU", "action": "TOKENIZE"}]}
      """;

  private static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String admin(String tenant) {
    return TestTokens.token(tenant, "admin-1", "admin");
  }

  private static void put(String tenant, String body, int status) {
    given()
        .auth()
        .oauth2(admin(tenant))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .put(PATH)
        .then()
        .statusCode(status);
  }

  @Test
  void the_policy_topic_is_compacted() throws Exception {
    String topic = KafkaTestClient.topic(Topics.GOVERNANCE_POLICIES);
    try (AdminClient admin =
        AdminClient.create(
            Map.of(
                "bootstrap.servers",
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config =
          admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void a_tenant_without_a_policy_reads_the_built_in_default() {
    given()
        .auth()
        .oauth2(admin(tenant()))
        .when()
        .get(PATH)
        .then()
        .statusCode(200)
        .body("source", equalTo("default"))
        .body("version", equalTo(0))
        .body("default_action", equalTo("ALLOW"));
  }

  @Test
  void each_change_is_a_new_version_published_on_the_compacted_topic_and_audited() {
    String tenant = tenant();
    put(tenant, REDACT_EMAILS, 200);
    given()
        .auth()
        .oauth2(admin(tenant))
        .contentType(ContentType.JSON)
        .body(REDACT_EMAILS.replace("REDACT", "TOKENIZE"))
        .when()
        .put(PATH)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("source", equalTo("tenant"))
        .body("updated_by", equalTo("admin-1"))
        .body("rules", hasSize(2))
        .body("rules[0].action", equalTo("TOKENIZE"));

    JsonNode published =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_POLICIES,
            r ->
                tenant.equals(r.path("data").path("tenant_id").asText())
                    && r.path("data").path("version").asLong() == 2);
    assertThat(published.path("type").asText()).isEqualTo("membank.governance.policy.published.v1");
    assertThat(published.path("data").path("rules").get(0).path("type").asText())
        .isEqualTo("EMAIL");
    JsonNode audit =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            r ->
                tenant.equals(r.path("data").path("tenant_id").asText())
                    && r.path("data").path("details").path("policy_version").asLong() == 2);
    assertThat(audit.path("data").path("action").asText()).isEqualTo("modify");
    assertThat(audit.path("data").path("resource").path("type").asText())
        .isEqualTo("privacy_policy");
  }

  /** PUT of the REDACT_EMAILS policy with this default expiry of memories. */
  private static ValidatableResponse putWithExpiry(String tenant, String ttl) {
    return given()
        .auth()
        .oauth2(admin(tenant))
        .contentType(ContentType.JSON)
        .body(
            REDACT_EMAILS.replace(
                "\"rules\"", "\"memory_default_ttl\": \"" + ttl + "\", \"rules\""))
        .when()
        .put(PATH)
        .then();
  }

  @Test
  void a_default_expiry_of_memories_is_stored_and_published_with_the_policy() {
    String tenant = tenant();
    putWithExpiry(tenant, "P30D").statusCode(200).body("memory_default_ttl", equalTo("P30D"));
    JsonNode published =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_POLICIES,
            r -> tenant.equals(r.path("data").path("tenant_id").asText()));
    assertThat(published.path("data").path("memory_default_ttl").asText()).isEqualTo("P30D");

    for (String bad : List.of("30 days", "P0D", "-P1D")) {
      putWithExpiry(tenant, bad)
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("memory_default_ttl"));
    }
    given()
        .auth()
        .oauth2(admin(tenant))
        .when()
        .get(PATH)
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("memory_default_ttl", equalTo("P30D"));
  }

  @Test
  void an_unknown_name_is_a_400_naming_the_field_and_nothing_changes() {
    String tenant = tenant();
    put(tenant, REDACT_EMAILS, 200);

    given()
        .auth()
        .oauth2(admin(tenant))
        .contentType(ContentType.JSON)
        .body(REDACT_EMAILS.replace("TOKENIZE", "SHRED"))
        .when()
        .put(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("rules[1].action"));
    put(tenant, REDACT_EMAILS.replace("\"eu\"", "\"mars\""), 400);
    put(tenant, REDACT_EMAILS.replace("EMAIL", "FAX"), 400);
    put(tenant, "{\"rules\": [", 400);
    put(tenant, "{\"region\": \"EU\"}", 400);

    given()
        .auth()
        .oauth2(admin(tenant))
        .when()
        .get(PATH)
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("rules[0].action", equalTo("REDACT"));
  }

  @Test
  void a_writer_may_not_change_or_read_the_policy() {
    String tenant = tenant();
    String writer = TestTokens.token(tenant, "u-1", "writer");
    given()
        .auth()
        .oauth2(writer)
        .contentType(ContentType.JSON)
        .body(REDACT_EMAILS)
        .when()
        .put(PATH)
        .then()
        .statusCode(403);
    given().auth().oauth2(writer).when().get(PATH).then().statusCode(403);
  }
}
