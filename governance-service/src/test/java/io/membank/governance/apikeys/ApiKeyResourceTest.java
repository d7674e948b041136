package io.membank.governance.apikeys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.EventJson;
import io.membank.contracts.Topics;
import io.membank.identity.apikey.LastUsedRecorder;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * /api/v1/keys on real PostgreSQL, Kafka and Redis, and the keys it issues used against this
 * service: the whole path from the outbox through identity.keys to platform/identity's verifier.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class ApiKeyResourceTest {

  private static final String KEYS = "/api/v1/keys";
  private static final String WHOAMI = "/api/v1/governance/whoami";
  private static final Duration PROPAGATION = Duration.ofSeconds(5);

  @Inject LastUsedRecorder lastUsed;

  private static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String admin(String tenant) {
    return TestTokens.token(tenant, "admin-1", "admin", "reader", "writer");
  }

  private static ValidatableResponse create(String tenant, String body) {
    return given()
        .auth()
        .oauth2(admin(tenant))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(KEYS)
        .then();
  }

  private static JsonNode createKey(String tenant, String body) {
    String json = create(tenant, body).statusCode(201).extract().asString();
    try {
      return EventJson.newMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ValidatableResponse whoAmIWithBearer(String key) {
    return given().header("Authorization", "Bearer " + key).when().get(WHOAMI).then();
  }

  private static ValidatableResponse whoAmIWithHeader(String key) {
    return given().header("X-API-Key", key).when().get(WHOAMI).then();
  }

  private static void awaitAccepted(String key) {
    await().atMost(PROPAGATION).untilAsserted(() -> whoAmIWithBearer(key).statusCode(200));
  }

  @Test
  void a_created_key_is_shown_once_and_works_like_a_jwt_of_its_tenant_and_roles() throws Exception {
    String tenant = tenant();
    JsonNode created = createKey(tenant, "{\"name\": \"crm\", \"roles\": [\"reader\"]}");
    String key = created.get("key").asText();
    String id = created.get("api_key").get("id").asText();

    assertThat(key).matches("mb_" + id + "_[A-Za-z0-9_-]{43}");
    awaitAccepted(key);
    whoAmIWithBearer(key)
        .body("tenant", equalTo(tenant))
        .body("subject", equalTo("apikey:" + id))
        .body("roles", equalTo(List.of("reader")));
    whoAmIWithHeader(key).statusCode(200).body("tenant", equalTo(tenant));

    // Listed without its secret; reading it never shows it either.
    String listing =
        given().auth().oauth2(admin(tenant)).get(KEYS).then().statusCode(200).extract().asString();
    assertThat(listing).contains(id).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
    given()
        .auth()
        .oauth2(admin(tenant))
        .get(KEYS + "/" + id)
        .then()
        .statusCode(200)
        .body("state", equalTo("active"))
        .body("roles", equalTo(List.of("reader")))
        .body("key", nullValue());
  }

  @Test
  void the_record_on_identity_keys_carries_an_argon2id_hash_and_never_the_secret()
      throws Exception {
    JsonNode created = createKey(tenant(), "{\"name\": \"etl\", \"roles\": [\"writer\"]}");
    String id = created.get("api_key").get("id").asText();
    String secret = created.get("key").asText().substring(("mb_" + id + "_").length());

    JsonNode event =
        KafkaTestClient.awaitRecord(
            Topics.IDENTITY_KEYS, e -> id.equals(e.path("data").path("key_id").asText()));

    assertThat(event.get("type").asText()).isEqualTo("membank.identity.key.published.v1");
    assertThat(event.get("data").get("secrets").get(0).get("hash").asText())
        .startsWith("$argon2id$");
    assertThat(event.toString()).doesNotContain(secret);
  }

  @Test
  void a_revoked_key_is_refused_within_five_seconds_and_stays_listed_as_revoked() {
    String tenant = tenant();
    JsonNode created = createKey(tenant, "{\"name\": \"bot\", \"roles\": [\"reader\"]}");
    String key = created.get("key").asText();
    String id = created.get("api_key").get("id").asText();
    awaitAccepted(key);

    given()
        .auth()
        .oauth2(admin(tenant))
        .delete(KEYS + "/" + id)
        .then()
        .statusCode(200)
        .body("state", equalTo("revoked"))
        .body("revoked_by", equalTo("admin-1"));

    await()
        .atMost(PROPAGATION)
        .untilAsserted(
            () ->
                whoAmIWithBearer(key)
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("The credential was revoked")));
    whoAmIWithHeader(key).statusCode(401);
    given()
        .auth()
        .oauth2(admin(tenant))
        .queryParam("state", "revoked")
        .get(KEYS)
        .then()
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(id));
  }

  @Test
  void after_a_rotation_the_new_secret_works_and_the_old_one_only_for_the_grace() {
    String tenant = tenant();
    JsonNode created = createKey(tenant, "{\"name\": \"app\", \"roles\": [\"reader\"]}");
    String oldKey = created.get("key").asText();
    String id = created.get("api_key").get("id").asText();
    awaitAccepted(oldKey);

    String graceKey =
        given()
            .auth()
            .oauth2(admin(tenant))
            .contentType(ContentType.JSON)
            .body("{}")
            .post(KEYS + "/" + id + "/rotate")
            .then()
            .statusCode(200)
            .body("api_key.previous_secret_valid_until", notNullValue())
            .extract()
            .path("key");
    assertThat(graceKey).startsWith("mb_" + id + "_").isNotEqualTo(oldKey);
    awaitAccepted(graceKey);
    whoAmIWithBearer(oldKey).statusCode(200);

    String newest =
        given()
            .auth()
            .oauth2(admin(tenant))
            .contentType(ContentType.JSON)
            .body("{\"grace_seconds\": 0}")
            .post(KEYS + "/" + id + "/rotate")
            .then()
            .statusCode(200)
            .extract()
            .path("key");
    awaitAccepted(newest);
    await()
        .atMost(PROPAGATION)
        .untilAsserted(
            () ->
                whoAmIWithBearer(graceKey)
                    .statusCode(401)
                    .body("detail", containsString("not known")));
  }

  @Test
  void malformed_creations_are_400_naming_the_field_and_store_nothing() {
    String tenant = tenant();
    String far = OffsetDateTime.now(ZoneOffset.UTC).plusYears(5).toString();
    String past = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString();
    String[][] cases = {
      {"{\"roles\": [\"reader\"]}", "name"},
      {"{\"name\": \"x\", \"roles\": []}", "roles"},
      {"{\"name\": \"x\", \"roles\": [\"superuser\"]}", "roles"},
      {"{\"name\": \"x\", \"roles\": [null]}", "roles"},
      {"{\"name\": \"x\", \"roles\": [\"service\"]}", "roles"},
      {"{\"name\": \"x\", \"roles\": [\"auditor\"]}", "roles"}, // the caller is no auditor
      {"{\"name\": \"x\", \"roles\": [\"reader\"], \"expires_at\": \"tomorrow\"}", "expires_at"},
      {
        "{\"name\": \"x\", \"roles\": [\"reader\"], \"expires_at\": \"" + past + "\"}", "expires_at"
      },
      {"{\"name\": \"x\", \"roles\": [\"reader\"], \"expires_at\": \"" + far + "\"}", "expires_at"},
      {"{\"name\": \"x\", \"roles\": [\"reader\"], \"user_id\": \"../etc\"}", "user_id"},
      {"{\"name\": \"x\", \"roles\": [\"reader\"], \"agent_id\": \" \"}", "agent_id"},
    };
    for (String[] c : cases) {
      create(tenant, c[0])
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo(c[1]));
    }
    given().auth().oauth2(admin(tenant)).get(KEYS).then().body("items", hasSize(0));
  }

  @Test
  void only_admins_manage_keys_and_only_their_own_tenants() {
    String tenant = tenant();
    String id =
        createKey(tenant, "{\"name\": \"a\", \"roles\": [\"reader\"]}")
            .get("api_key")
            .get("id")
            .asText();

    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "u", "reader", "writer"))
        .get(KEYS)
        .then()
        .statusCode(403);
    String other = admin(tenant());
    given().auth().oauth2(other).get(KEYS + "/" + id).then().statusCode(404);
    given().auth().oauth2(other).delete(KEYS + "/" + id).then().statusCode(404);
    given().auth().oauth2(other).get(KEYS).then().body("items", hasSize(0));
  }

  @Test
  void the_listing_pages_by_cursor_newest_first_and_filters_by_state() {
    String tenant = tenant();
    for (int i = 0; i < 3; i++) {
      createKey(tenant, "{\"name\": \"k" + i + "\", \"roles\": [\"reader\"]}");
    }
    ValidatableResponse first =
        given().auth().oauth2(admin(tenant)).queryParam("limit", 2).get(KEYS).then();
    first.body("items", hasSize(2)).body("items[0].name", equalTo("k2"));
    String cursor = first.extract().path("next_cursor");

    given()
        .auth()
        .oauth2(admin(tenant))
        .queryParam("limit", 2)
        .queryParam("cursor", cursor)
        .get(KEYS)
        .then()
        .body("items", hasSize(1))
        .body("items[0].name", equalTo("k0"))
        .body("next_cursor", nullValue());
    given()
        .auth()
        .oauth2(admin(tenant))
        .queryParam("state", "expired")
        .get(KEYS)
        .then()
        .body("items", hasSize(0));
    given()
        .auth()
        .oauth2(admin(tenant))
        .queryParam("state", "lost")
        .get(KEYS)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("state"));
    given()
        .auth()
        .oauth2(admin(tenant))
        .queryParam("cursor", "bm90LWEtY3Vyc29y")
        .get(KEYS)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cursor"));
  }

  @Test
  void the_last_used_time_is_written_in_batches_and_shown_in_the_listing() {
    String tenant = tenant();
    JsonNode created = createKey(tenant, "{\"name\": \"used\", \"roles\": [\"reader\"]}");
    String key = created.get("key").asText();
    String id = created.get("api_key").get("id").asText();
    given()
        .auth()
        .oauth2(admin(tenant))
        .get(KEYS + "/" + id)
        .then()
        .body("last_used_at", nullValue());
    awaitAccepted(key);

    lastUsed.flush();

    given()
        .auth()
        .oauth2(admin(tenant))
        .get(KEYS + "/" + id)
        .then()
        .body("last_used_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*"));
  }

  @Test
  void unknown_and_malformed_keys_are_401_saying_why() {
    whoAmIWithBearer("mb_unknownkey0000_" + "A".repeat(43))
        .statusCode(401)
        .contentType("application/problem+json")
        .body("detail", containsString("not known"));
    whoAmIWithHeader("mb_nope").statusCode(401).body("detail", containsString("not well formed"));
    given()
        .header("X-API-Key", "mb_unknownkey0000_" + "A".repeat(43))
        .auth()
        .oauth2(admin(tenant()))
        .get(WHOAMI)
        .then()
        .statusCode(401)
        .body("detail", containsString("not both"));
  }

  @Test
  void an_expiring_key_carries_its_expiry() {
    String tenant = tenant();
    String at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).withNano(0).toString();
    create(tenant, "{\"name\": \"temp\", \"roles\": [\"reader\"], \"expires_at\": \"" + at + "\"}")
        .statusCode(201)
        .body("api_key.expires_at", notNullValue())
        .body("api_key.state", equalTo("active"));
  }

  @Test
  void a_scoped_key_may_not_name_another_user_or_agent() {
    String tenant = tenant();
    String key =
        createKey(
                tenant,
                "{\"name\": \"alice-app\", \"roles\": [\"reader\"], \"user_id\": \"alice\","
                    + " \"agent_id\": \"helper\"}")
            .get("key")
            .asText();
    awaitAccepted(key);
    String probe = "/test/scope-probe/users/";

    given()
        .header("X-API-Key", key)
        .contentType(ContentType.JSON)
        .body("{\"user_id\": \"alice\", \"items\": [{\"user_id\": \"alice\"}]}")
        .post(probe + "alice?agent_id=helper")
        .then()
        .statusCode(200)
        .body("body_user_id", equalTo("alice"))
        .body("user_scope", equalTo("alice"));
    given()
        .header("X-API-Key", key)
        .contentType(ContentType.JSON)
        .body("{}")
        .post(probe + "bob")
        .then()
        .statusCode(403)
        .body("errors[0].field", equalTo("user_id"));
    given()
        .header("X-API-Key", key)
        .contentType(ContentType.JSON)
        .body("{\"items\": [{\"user_id\": \"bob\"}]}")
        .post(probe + "alice")
        .then()
        .statusCode(403)
        .body("errors[0].field", equalTo("user_id"));
    given()
        .header("X-API-Key", key)
        .contentType(ContentType.JSON)
        .body("{}")
        .post(probe + "alice?agent_id=other")
        .then()
        .statusCode(403)
        .body("errors[0].field", equalTo("agent_id"));
  }
}
