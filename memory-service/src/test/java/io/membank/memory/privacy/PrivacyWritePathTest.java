package io.membank.memory.privacy;

import static io.membank.memory.privacy.PrivacyFixtures.API_KEY;
import static io.membank.memory.privacy.PrivacyFixtures.EMAIL;
import static io.membank.memory.privacy.PrivacyFixtures.RAW;
import static io.membank.memory.privacy.PrivacyFixtures.TEXT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.PolicySnapshot;
import io.membank.contracts.Topics;
import io.membank.memory.privacy.service.PolicyBook;
import io.membank.memory.privacy.service.PolicyUnknownException;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The privacy engine in the write path, with real PostgreSQL and Kafka: policies arrive on {@code
 * governance.policies} as governance-service publishes them, and what memory-service stores and
 * emits holds only the protected text.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PrivacyKeysResource.class)
class PrivacyWritePathTest {

  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject PolicyBook book;
  @Inject DataSource db;

  /** Publishes a policy as governance-service does and waits until memory-service applies it. */
  private void publish(
      String tenant, long version, String defaultAction, PolicySnapshot.Rule... rules)
      throws Exception {
    KafkaTestClient.send(
        Topics.GOVERNANCE_POLICIES,
        tenant,
        JSON.writeValueAsString(
            CloudEvent.of(
                EventTypes.GOVERNANCE_POLICY_PUBLISHED,
                "governance-service",
                tenant,
                tenant,
                new PolicySnapshot(
                    tenant, version, "GLOBAL", defaultAction, List.of(rules), null, "admin"))));
    await().atMost(Duration.ofSeconds(10)).until(() -> appliedVersion(tenant) == version);
  }

  private long appliedVersion(String tenant) {
    try {
      return book.policyFor(tenant).version();
    } catch (PolicyUnknownException e) {
      return -1;
    }
  }

  private static String tenant() {
    return "priv-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String add(String token, String user, String content, Map<String, ?> metadata) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(Map.of("user_id", user, "content", content, "metadata", metadata))
        .post("/api/v1/memories")
        .then()
        .statusCode(202)
        .extract()
        .path("job_id");
  }

  private static JsonPath awaitJob(String token, String jobId, String status) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .get("/api/v1/jobs/" + jobId)
                    .then()
                    .extract()
                    .jsonPath(),
            job -> status.equals(job.getString("status")));
  }

  /** Every column of every row of {@code table} (one of ours, never input) for the tenant. */
  private String rows(String table, String tenant) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select row_to_json(t)::text from " + table + " t where t.tenant_id = ?")) {
      s.setString(1, tenant);
      List<String> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return String.join("\n", out);
    }
  }

  private String outboxOf(String tenant) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("select payload::text from outbox where payload->>'tenantid' = ?")) {
      s.setString(1, tenant);
      List<String> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return String.join("\n", out);
    }
  }

  @Test
  void underRedactNoRawValueReachesTheRowsTheJobOrTheBus() throws Exception {
    String tenant = tenant();
    publish(tenant, 3, "REDACT");
    String token = TestTokens.token(tenant, "app-1", "writer", "reader");

    String jobId = add(token, "u-1", TEXT, Map.of("contact", EMAIL, "source", "crm"));
    JsonPath job = awaitJob(token, jobId, "completed");

    assertThat(job.getLong("result.protection.policy_version")).isEqualTo(3);
    assertThat(job.getList("result.protection.found", Map.class))
        .contains(
            Map.of("data_type", "EMAIL", "action", "REDACT", "count", 2),
            Map.of("data_type", "PAYMENT_CARD", "action", "REDACT", "count", 1),
            Map.of("data_type", "CN_RESIDENT_ID", "action", "REDACT", "count", 1),
            Map.of("data_type", "SECRET", "action", "REDACT", "count", 1));
    String memoryId = job.getString("result.memories.added[0]");
    assertThat(memoryId).isNotNull();

    String memories = rows("memories", tenant);
    assertThat(memories).contains("[EMAIL]", "[PAYMENT_CARD]", "crm").doesNotContain(RAW);
    assertThat(rows("jobs", tenant)).contains("[CN_RESIDENT_ID]").doesNotContain(RAW);
    assertThat(outboxOf(tenant)).doesNotContain(RAW);

    JsonNode created =
        KafkaTestClient.awaitRecord(
            Topics.MEMORY_EVENTS, n -> memoryId.equals(n.path("data").path("memory_id").asText()));
    // The extractor splits the text into facts: this one holds the email (the key may be another).
    assertThat(created.toString()).contains("[EMAIL]").doesNotContain(RAW);

    JsonNode audit =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            n ->
                tenant.equals(n.path("tenantid").asText())
                    && "privacy_action"
                        .equals(n.path("data").path("resource").path("type").asText())
                    && "EMAIL".equals(n.path("data").path("details").path("data_type").asText()));
    JsonNode details = audit.path("data").path("details");
    assertThat(details.path("privacy_action").asText()).isEqualTo("REDACT");
    assertThat(details.path("policy_version").asLong()).isEqualTo(3);
    assertThat(details.path("count").asInt()).isEqualTo(2);
    assertThat(details.path("job_id").asText()).isEqualTo(jobId);
    assertThat(audit.toString()).doesNotContain(RAW);
  }

  @Test
  void tokenizeHandsTheSealedValueToTheVaultInTheStoringTransaction() throws Exception {
    String tenant = tenant();
    publish(tenant, 1, "ALLOW", new PolicySnapshot.Rule("EMAIL", null, null, "TOKENIZE"));
    String token = TestTokens.token(tenant, "app-1", "writer", "reader");

    String jobId = add(token, "u-1", "My email is " + EMAIL + ".", Map.of());
    awaitJob(token, jobId, "completed");

    assertThat(rows("memories", tenant)).contains("[EMAIL:tok_").doesNotContain(EMAIL);
    JsonNode vaulted =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_VAULT, n -> tenant.equals(n.path("tenantid").asText()));
    assertThat(vaulted.path("type").asText()).isEqualTo(EventTypes.GOVERNANCE_TOKEN_VAULTED);
    assertThat(vaulted.path("data").path("data_type").asText()).isEqualTo("EMAIL");
    assertThat(vaulted.path("data").path("token").asText()).startsWith("tok_");
    assertThat(vaulted.path("data").path("service").asText()).isEqualTo("memory-service");
    assertThat(vaulted.toString()).doesNotContain(EMAIL);
    assertThat(rows("memories", tenant)).contains(vaulted.path("data").path("token").asText());
  }

  @Test
  void blockFailsTheJobWithTheReasonAndStoresNothing() throws Exception {
    String tenant = tenant();
    publish(tenant, 2, "ALLOW", new PolicySnapshot.Rule(null, "CREDENTIAL", null, "BLOCK"));
    String token = TestTokens.token(tenant, "app-1", "writer", "reader");

    String jobId = add(token, "u-1", "I like tea and my key is " + API_KEY, Map.of());
    JsonPath job = awaitJob(token, jobId, "failed");

    assertThat(job.getString("error")).contains("blocked", "SECRET", "v2").doesNotContain(API_KEY);
    assertThat(job.getList("result.protection.found", Map.class))
        .contains(Map.of("data_type", "SECRET", "action", "BLOCK", "count", 1));
    assertThat(rows("memories", tenant)).isEmpty();
    assertThat(rows("jobs", tenant)).doesNotContain(API_KEY, "tea");
    assertThat(outboxOf(tenant)).doesNotContain(API_KEY);
  }

  @Test
  void anEditIsProtectedAndABlockedEditIsRefusedWith422() throws Exception {
    String tenant = tenant();
    publish(
        tenant,
        4,
        "ALLOW",
        new PolicySnapshot.Rule("EMAIL", null, null, "REDACT"),
        new PolicySnapshot.Rule("SECRET", null, null, "BLOCK"));
    String token = TestTokens.token(tenant, "app-1", "writer", "reader");
    String jobId = add(token, "u-1", "I live in Porto.", Map.of());
    String memoryId = awaitJob(token, jobId, "completed").getString("result.memories.added[0]");

    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(Map.of("content", "Write to me at " + EMAIL, "metadata", Map.of("cc", EMAIL)))
        .put("/api/v1/memories/" + memoryId)
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(Map.of("content", "my key is " + API_KEY))
        .put("/api/v1/memories/" + memoryId)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("/blocked-by-privacy-policy"));

    String stored = rows("memories", tenant);
    assertThat(stored).contains("Write to me at [EMAIL]").doesNotContain(EMAIL, API_KEY);
    assertThat(rows("memory_history", tenant)).doesNotContain(EMAIL, API_KEY);
    assertThat(outboxOf(tenant)).doesNotContain(EMAIL, API_KEY);
  }

  @Test
  void aTenantWhosePolicyRecordIsUnreadableWaitsUntilAValidOneArrives() throws Exception {
    String tenant = tenant();
    publish(tenant, 1, "REDACT");
    KafkaTestClient.send(Topics.GOVERNANCE_POLICIES, tenant, "{\"not\":\"a policy\"}");
    await().atMost(Duration.ofSeconds(10)).until(() -> appliedVersion(tenant) == -1);
    String token = TestTokens.token(tenant, "app-1", "writer", "reader");

    String jobId = add(token, "u-1", "My email is " + EMAIL + ".", Map.of());
    awaitJob(token, jobId, "queued");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                java.util.Objects.toString(
                        given()
                            .auth()
                            .oauth2(token)
                            .get("/api/v1/jobs/" + jobId)
                            .then()
                            .extract()
                            .jsonPath()
                            .getString("error"),
                        "")
                    .startsWith("waiting: "));
    // Waiting does not use up attempts (it would fail for good after 5).
    assertThat(rows("jobs", tenant)).containsAnyOf("\"attempts\":0", "\"attempts\":1");
    assertThat(rows("memories", tenant)).isEmpty();

    publish(tenant, 2, "REDACT");

    awaitJob(token, jobId, "completed");
    assertThat(rows("memories", tenant)).contains("[EMAIL]").doesNotContain(EMAIL);
  }
}
