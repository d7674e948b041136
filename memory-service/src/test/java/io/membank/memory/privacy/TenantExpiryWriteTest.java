package io.membank.memory.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A tenant's default expiry of memories, set by its admin in the tenant's policy, arrives on {@code
 * governance.policies} and applies to the tenant's writes without {@code expires_at}.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class TenantExpiryWriteTest {

  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject PolicyBook book;

  /** Publishes a policy as governance-service does and waits until memory-service applies it. */
  private void publish(String tenant, String memoryDefaultTtl) throws Exception {
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
                    tenant, 1, "GLOBAL", "ALLOW", List.of(), null, "admin", memoryDefaultTtl))));
    await().atMost(Duration.ofSeconds(30)).until(() -> appliedVersion(tenant) == 1);
  }

  private long appliedVersion(String tenant) {
    try {
      return book.policyFor(tenant).version();
    } catch (PolicyUnknownException e) {
      return -1;
    }
  }

  private static String tenant() {
    return "ttl-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Adds one verbatim memory and answers it once stored. */
  private static JsonPath stored(String token, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("user_id", "u-1");
    body.put("content", "The gate code is 2468.");
    body.put("infer", false);
    String job =
        given()
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/memories")
            .then()
            .statusCode(202)
            .extract()
            .path("job_id");
    JsonPath done =
        await()
            .atMost(Duration.ofSeconds(40))
            .until(
                () -> given().auth().oauth2(token).get("/api/v1/jobs/" + job).jsonPath(),
                j -> "completed".equals(j.getString("status")));
    String id = done.getString("result.memories.added[0]");
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/memories/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void writesWithoutExpiresAtExpireAfterTheTenantsDefault() throws Exception {
    String tenant = tenant();
    publish(tenant, "PT2H");
    String token = TestTokens.token(tenant, "app-1", "writer", "reader");

    OffsetDateTime before = OffsetDateTime.now();
    OffsetDateTime expiresAt =
        OffsetDateTime.parse(stored(token, Map.of()).getString("expires_at"));
    assertThat(expiresAt).isBetween(before.plusHours(2), OffsetDateTime.now().plusHours(2));

    // An explicit expires_at wins over the tenant's default.
    String explicit = OffsetDateTime.now().plusDays(9).truncatedTo(ChronoUnit.SECONDS).toString();
    assertThat(
            OffsetDateTime.parse(
                stored(token, Map.of("expires_at", explicit)).getString("expires_at")))
        .isCloseTo(OffsetDateTime.parse(explicit), within(1, ChronoUnit.SECONDS));
  }

  @Test
  void aTenantWhosePolicyNamesNoExpiryKeepsItsMemories() throws Exception {
    String tenant = tenant();
    publish(tenant, null);
    String token = TestTokens.token(tenant, "app-1", "writer", "reader");

    assertThat(stored(token, Map.of()).getString("expires_at")).isNull();
  }
}
