package io.membank.governance.vault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.contracts.VaultedToken;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.PolicySet;
import io.membank.privacy.policy.Region;
import io.membank.privacy.protect.Keyring;
import io.membank.privacy.protect.Protected;
import io.membank.privacy.protect.Protector;
import io.membank.privacy.protect.VaultEntry;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Tokens arrive on governance.vault (as memory-service will send them) and an admin reads them
 * back; a writer is refused; both are audited; a poison record goes to the dead-letter topic.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PrivacyKeysResource.class)
class DetokenizeResourceTest {

  private static final String PATH = "/api/v1/governance/detokenize";
  private static final String EMAIL = "anna.k@example.org";

  private static VaultEntry tokenize(String tenant) throws Exception {
    Keyring keys =
        Keyring.parse(ConfigProvider.getConfig().getValue("membank.privacy.keys", String.class));
    Protected p =
        new Protector()
            .protect(
                "mail " + EMAIL,
                new PolicySet(tenant, 1, Region.GLOBAL, List.of(), Action.TOKENIZE),
                keys.forTenant(tenant));
    VaultEntry entry = p.vaultEntries().getFirst();
    VaultedToken token =
        new VaultedToken(
            tenant,
            entry.token(),
            entry.type().name(),
            entry.ciphertext(),
            "memory-service",
            OffsetDateTime.now());
    KafkaTestClient.send(
        Topics.GOVERNANCE_VAULT,
        tenant,
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_TOKEN_VAULTED, "/test", tenant, tenant, token)));
    return entry;
  }

  @Test
  void an_admin_reads_the_value_behind_a_token_and_the_read_is_audited() throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    VaultEntry entry = tokenize(tenant);
    String admin = TestTokens.token(tenant, "admin-1", "admin");

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("token", entry.token()))
                    .when()
                    .post(PATH)
                    .then()
                    .statusCode(200)
                    .body("value", equalTo(EMAIL))
                    .body("data_type", equalTo("EMAIL")));

    JsonNode audit =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            r ->
                tenant.equals(r.path("data").path("tenant_id").asText())
                    && entry.token().equals(r.path("data").path("resource").path("id").asText()));
    assertThat(audit.path("data").path("action").asText()).isEqualTo("access");
    assertThat(audit.toString()).doesNotContain(EMAIL);
  }

  @Test
  void another_tenants_admin_gets_404_and_a_writer_gets_403_which_is_audited() throws Exception {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    VaultEntry entry = tokenize(tenant);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(TestTokens.token(tenant, "admin-1", "admin"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("token", entry.token()))
                    .when()
                    .post(PATH)
                    .then()
                    .statusCode(200));

    given()
        .auth()
        .oauth2(TestTokens.token("other-" + tenant, "admin-2", "admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("token", entry.token()))
        .when()
        .post(PATH)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "u-7", "writer"))
        .contentType(ContentType.JSON)
        .body(Map.of("token", entry.token()))
        .when()
        .post(PATH)
        .then()
        .statusCode(403);

    JsonNode refused =
        KafkaTestClient.awaitRecord(
            Topics.AUDIT_EVENTS,
            r ->
                tenant.equals(r.path("data").path("tenant_id").asText())
                    && "u-7".equals(r.path("data").path("actor").path("id").asText()));
    assertThat(refused.path("data").path("outcome").asText()).isNotEqualTo("success");
  }

  @Test
  void a_record_that_is_not_a_vaulted_token_goes_to_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_VAULT, "t-x", "{\"not_an_event\": \"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            Topics.deadLetter(Topics.GOVERNANCE_VAULT, "governance-service"),
            r -> marker.equals(r.path("not_an_event").asText()));
    assertThat(dead.path("not_an_event").asText()).isEqualTo(marker);
  }
}
