package io.membank.graph;

import static io.membank.graph.GraphFixtures.READER;
import static io.membank.graph.GraphFixtures.T0;
import static io.membank.graph.GraphFixtures.TENANT;
import static io.membank.graph.GraphFixtures.count;
import static io.membank.graph.GraphFixtures.created;
import static io.membank.graph.GraphFixtures.cypher;
import static io.membank.graph.GraphFixtures.event;
import static io.membank.graph.GraphFixtures.id;
import static io.membank.graph.GraphFixtures.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.ApiKeyRecord;
import io.membank.contracts.MemoryEvent;
import io.membank.graph.extract.EntityType;
import io.membank.graph.extract.ExtractedEntity;
import io.membank.graph.extract.ExtractedRelation;
import io.membank.graph.extract.Extraction;
import io.membank.graph.service.GraphUpdater;
import io.membank.graph.store.GraphWriter;
import io.membank.identity.apikey.ApiKeyDirectory;
import io.membank.identity.apikey.ApiKeyFormat;
import io.membank.identity.apikey.ApiKeyHasher;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.Neo4jResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** The graph API on real Neo4j: what memories become, and what the three questions answer. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Neo4jResource.class)
class GraphApiTest {

  @Inject GraphUpdater updater;
  @Inject GraphWriter writer;
  @Inject Driver driver;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  static JsonPath get(String path) {
    return given().auth().oauth2(READER).get(path).then().statusCode(200).extract().jsonPath();
  }

  static List<String> relatedIds(String memory, int depth) {
    return get("/api/v1/memories/" + memory + "/related?depth=" + depth).getList("related.id");
  }

  /** Writes a memory with a hand-made extraction, bypassing the extractor. */
  void write(String user, String memory, List<String> entities, List<String[]> relations) {
    var extraction =
        new Extraction(
            entities.stream()
                .map(n -> new ExtractedEntity(n, EntityType.CONCEPT, 0.9, "test"))
                .toList(),
            relations.stream().map(r -> new ExtractedRelation(r[0], r[1], r[2], 0.8)).toList(),
            null);
    assertThat(
            writer.apply(
                new GraphWriter.Change(
                    created(user, memory, "about " + entities), extraction, "test")))
        .isEqualTo(GraphWriter.Outcome.APPLIED);
  }

  @Test
  void coffeeStarbucksAndAMeetingBecomeEntitiesAndRelationships() {
    String user = user();
    String coffee = id();
    String starbucks = id();
    String meeting = id();
    updater.apply(created(user, coffee, "I love coffee"));
    updater.apply(created(user, starbucks, "I work at Starbucks"));
    updater.apply(created(user, meeting, "明天要开产品会议"));

    // Typed relationships, as Cypher sees them.
    List<String> stated =
        cypher(
                driver,
                """
                MATCH (s)-[r]->(e:Entity {ns: $ns, tenant: $tenant, user_id: $user})
                WHERE r.memory_id IS NOT NULL
                RETURN coalesce(s.key, 'USER') + ' ' + type(r) + ' ' + e.key AS fact
                """,
                Map.of("tenant", TENANT, "user", user))
            .stream()
            .map(r -> r.get("fact").asString())
            .toList();
    assertThat(stated)
        .containsExactlyInAnyOrder(
            "USER PREFERS coffee",
            "USER WORKS_AT starbucks",
            "starbucks RELATED_TO coffee",
            "USER PARTICIPATES_IN 产品会议",
            "产品会议 SCHEDULED_ON 2026-11-26");

    JsonPath entities = get("/api/v1/users/" + user + "/entities");
    assertThat(entities.getList("entities.name"))
        .containsExactly("coffee", "2026-11-26", "Starbucks", "产品会议");
    assertThat(entities.getInt("entities[0].mention_count")).isEqualTo(2);
    assertThat(entities.getString("entities[0].type")).isEqualTo("product");
    assertThat(entities.getList("entities.find { it.name == 'Starbucks' }.relationships.type"))
        .containsExactlyInAnyOrder("WORKS_AT", "RELATED_TO");
    Map<String, Object> sells =
        entities.getMap(
            "entities.find { it.name == 'Starbucks' }.relationships.find { it.label == 'sells' }");
    assertThat(sells)
        .containsEntry("direction", "out")
        .containsEntry("other_name", "coffee")
        .containsEntry("strength", 0.5f)
        .containsEntry("current", true);

    JsonPath related = get("/api/v1/memories/" + starbucks + "/related?depth=1");
    assertThat(related.getList("related.id")).containsExactly(coffee);
    assertThat(related.getInt("related[0].hops")).isEqualTo(1);
    assertThat(related.getList("related[0].via")).containsExactly("coffee");
    assertThat(related.getString("related[0].content")).isEqualTo("I love coffee");
    assertThat(relatedIds(coffee, 3)).containsExactly(starbucks);
  }

  @Test
  void eachReadOfAUsersGraphLeavesOneAccessRecordWithWhoseAndHowMany() {
    String user = user();
    String coffee = id();
    String starbucks = id();
    updater.apply(created(user, coffee, "I love coffee"));
    updater.apply(created(user, starbucks, "I work at Starbucks"));
    String reader = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
    String token = TestTokens.token(TENANT, reader, "reader");

    given().auth().oauth2(token).get("/api/v1/users/" + user + "/entities").then().statusCode(200);
    given().auth().oauth2(token).get("/api/v1/users/" + user + "/graph").then().statusCode(200);
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/memories/" + starbucks + "/related?depth=1")
        .then()
        .statusCode(200);

    Map<String, JsonNode> byType = new java.util.HashMap<>();
    KafkaTestClient.awaitRecord(
        "audit.events",
        n -> {
          if (reader.equals(n.path("data").path("actor").path("id").asText())) {
            byType.put(n.path("data").path("resource").path("type").asText(), n);
          }
          return byType.size() == 3;
        });
    JsonNode entities = byType.get("user_entities").path("data");
    assertThat(entities.path("action").asText()).isEqualTo("access");
    assertThat(entities.path("resource").path("owner_id").asText()).isEqualTo(user);
    assertThat(entities.path("details").path("returned").asInt()).isEqualTo(2);
    JsonNode graph = byType.get("user_graph").path("data");
    assertThat(graph.path("details").path("returned").asInt()).isEqualTo(2);
    JsonNode related = byType.get("related_memories").path("data");
    assertThat(related.path("resource").path("id").asText()).isEqualTo(starbucks);
    assertThat(related.path("resource").path("owner_id").asText()).isEqualTo(user);
    assertThat(related.path("details").path("returned").asInt()).isEqualTo(1);
    assertThat(byType.get("related_memories").path("source").asText())
        .isEqualTo("/membank/graph-service");
  }

  @Test
  void depthCountsEntityHopsThroughTypedRelationships() {
    String user = user();
    String m0 = id();
    String m1 = id();
    String m2 = id();
    String m3 = id();
    write(
        user,
        m0,
        List.of("alpha", "beta"),
        List.<String[]>of(new String[] {"alpha", "knows", "beta"}));
    write(
        user,
        m1,
        List.of("beta", "gamma"),
        List.<String[]>of(new String[] {"beta", "knows", "gamma"}));
    write(
        user,
        m2,
        List.of("gamma", "delta"),
        List.<String[]>of(new String[] {"gamma", "knows", "delta"}));
    write(user, m3, List.of("delta"), List.of());

    assertThat(relatedIds(m0, 1)).containsExactly(m1);
    assertThat(relatedIds(m0, 2)).containsExactlyInAnyOrder(m1, m2);
    JsonPath three = get("/api/v1/memories/" + m0 + "/related?depth=3");
    assertThat(three.getList("related.id")).containsExactlyInAnyOrder(m1, m2, m3);
    assertThat(three.getInt("related.find { it.id == '" + m3 + "' }.hops")).isEqualTo(3);
    assertThat(three.getList("related.find { it.id == '" + m3 + "' }.via"))
        .containsExactly("delta");
  }

  @Test
  void relatedMemoriesRankByImportanceThenRecency() {
    String user = user();
    String source = id();
    String importantOld = id();
    String importantNew = id();
    String minorNewest = id();
    updater.apply(created(user, source, "I like green tea"));
    updater.apply(
        event(
            user,
            importantOld,
            1,
            MemoryEvent.Operation.CREATED,
            "Green tea every morning",
            0.9,
            T0));
    updater.apply(
        event(
            user,
            importantNew,
            1,
            MemoryEvent.Operation.CREATED,
            "Green tea after lunch",
            0.9,
            T0.plusDays(1)));
    updater.apply(
        event(
            user,
            minorNewest,
            1,
            MemoryEvent.Operation.CREATED,
            "Green tea at night",
            0.2,
            T0.plusDays(2)));

    assertThat(relatedIds(source, 1)).containsExactly(importantNew, importantOld, minorNewest);
    assertThat(get("/api/v1/memories/" + source + "/related?depth=1&limit=1").getList("related.id"))
        .containsExactly(importantNew);
  }

  @Test
  void aContradictionClosesTheOldRelationshipInsteadOfDeletingIt() {
    String user = user();
    String old = id();
    String other = id();
    updater.apply(created(user, old, "I work at Starbucks"));
    updater.apply(created(user, other, "Starbucks opened a new shop"));
    assertThat(relatedIds(other, 1)).containsExactly(old);

    assertThat(
            updater.apply(
                event(
                    user,
                    old,
                    2,
                    MemoryEvent.Operation.INVALIDATED,
                    "I work at Starbucks",
                    0.5,
                    T0)))
        .isEqualTo(GraphWriter.Outcome.APPLIED);

    var edge =
        cypher(
                driver,
                "MATCH (:User {ns: $ns, tenant: $tenant, id: $user})-[r:WORKS_AT]->(e:Entity)"
                    + " RETURN e.key AS key, r.valid_from AS from, r.valid_to AS to",
                Map.of("tenant", TENANT, "user", user))
            .get(0);
    assertThat(edge.get("key").asString()).isEqualTo("starbucks");
    assertThat(edge.get("to").asOffsetDateTime()).isEqualTo(T0.plusHours(1));
    assertThat(edge.get("from").asOffsetDateTime()).isEqualTo(T0);
    Map<String, Object> worksAt =
        get("/api/v1/users/" + user + "/entities")
            .getMap(
                "entities.find { it.name == 'Starbucks' }.relationships"
                    + ".find { it.type == 'WORKS_AT' }");
    assertThat(worksAt)
        .containsEntry("current", false)
        .containsEntry("valid_to", "2026-11-25T10:00:00Z");
    assertThat(relatedIds(other, 1)).isEmpty();
  }

  @Test
  void aRelationshipTypeFromOutsideIsStoredAsDataNeverAsCypher() {
    String user = user();
    String bystander = id();
    updater.apply(created(user, bystander, "I love coffee"));
    String usersNodes =
        "MATCH (n {ns: $ns, tenant: $tenant}) WHERE n.user_id = $user OR (n:User AND n.id = $user)"
            + " RETURN count(n)";
    long before = count(driver, usersNodes, Map.of("tenant", TENANT, "user", user));
    String memory = id();
    String label = "X]->() DETACH DELETE n //";
    String name = "Robert'}) MATCH (n) DETACH DELETE n //";

    write(
        user,
        memory,
        List.of(name, "coffee"),
        List.<String[]>of(new String[] {name, label, "coffee"}));

    var stored =
        cypher(
                driver,
                "MATCH (s:Entity)-[r {memory_id: $id}]->(t:Entity {ns: $ns})"
                    + " RETURN type(r) AS type, r.label AS label, s.name AS name",
                Map.of("id", memory))
            .get(0);
    assertThat(stored.get("type").asString()).isEqualTo("RELATED_TO");
    assertThat(stored.get("label").asString()).isEqualTo(label);
    assertThat(stored.get("name").asString()).isEqualTo(name);
    // Nothing was deleted: the new memory and its entity were added to what was there.
    assertThat(count(driver, usersNodes, Map.of("tenant", TENANT, "user", user)))
        .isEqualTo(before + 2);
    assertThat(relatedIds(memory, 1)).containsExactly(bystander);
    assertThat(
            get("/api/v1/users/" + user + "/entities")
                .getList("entities.relationships.flatten().label"))
        .contains(label);
  }

  @Test
  void theGraphViewHasNodesAndEdgesWithinTheLimit() {
    String user = user();
    String coffee = id();
    String starbucks = id();
    updater.apply(created(user, coffee, "I love coffee"));
    updater.apply(
        event(
            user,
            starbucks,
            1,
            MemoryEvent.Operation.CREATED,
            "I work at Starbucks",
            0.5,
            T0.plusMinutes(1)));

    JsonPath view = get("/api/v1/users/" + user + "/graph");
    assertThat(view.getList("nodes.id"))
        .containsExactlyInAnyOrder(
            "m:" + coffee,
            "m:" + starbucks,
            "e:product:coffee",
            "e:organization:starbucks",
            "u:" + user);
    assertThat(view.getList("edges.type"))
        .containsExactlyInAnyOrder(
            "MENTIONS", "MENTIONS", "MENTIONS", "PREFERS", "WORKS_AT", "RELATED_TO");
    assertThat(view.getString("edges.find { it.type == 'PREFERS' }.source")).isEqualTo("u:" + user);
    assertThat(view.getBoolean("truncated")).isFalse();

    JsonPath newest = get("/api/v1/users/" + user + "/graph?limit=1");
    assertThat(newest.getList("nodes.findAll { it.kind == 'memory' }.id"))
        .containsExactly("m:" + starbucks);
  }

  @Test
  void everythingIsScopedToTheCallersTenant() {
    String user = user();
    String memory = id();
    updater.apply(created(user, memory, "I love coffee"));
    String otherTenant = TestTokens.token("globex", "app-2", "reader");

    given()
        .auth()
        .oauth2(otherTenant)
        .get("/api/v1/memories/" + memory + "/related")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(otherTenant)
        .get("/api/v1/users/" + user + "/entities")
        .then()
        .statusCode(200)
        .body("entities.size()", equalTo(0));
    given()
        .auth()
        .oauth2(otherTenant)
        .get("/api/v1/users/" + user + "/graph")
        .then()
        .statusCode(200)
        .body("nodes.size()", equalTo(0));
  }

  @Inject ApiKeyDirectory keys;

  /** A new reader key of the test tenant, known to this service at once, scoped as given. */
  private String scopedKey(String userId, String agentId) {
    String keyId = ApiKeyFormat.newKeyId();
    String secret = ApiKeyFormat.newSecret();
    String hash = ApiKeyHasher.hash(secret, new ApiKeyHasher.Cost(1024, 1, 1));
    keys.apply(
        keyId,
        new ApiKeyRecord(
            keyId,
            TENANT,
            1,
            List.of("reader"),
            userId,
            agentId,
            null,
            false,
            List.of(new ApiKeyRecord.Secret(hash, null))));
    return ApiKeyFormat.format(keyId, secret);
  }

  @Test
  void aScopedKeyFindsRelatedMemoriesOfItsOwnMemoriesOnly() {
    String alice = user();
    String bob = user();
    String aliceFirst = id();
    String aliceSecond = id();
    String bobs = id();
    write(alice, aliceFirst, List.of("lisbon"), List.of());
    write(alice, aliceSecond, List.of("lisbon"), List.of());
    write(bob, bobs, List.of("lisbon"), List.of());
    String aliceKey = scopedKey(alice, null);

    given()
        .header("X-API-Key", aliceKey)
        .get("/api/v1/memories/" + aliceFirst + "/related?depth=1")
        .then()
        .statusCode(200)
        .body("related.id", equalTo(List.of(aliceSecond)));
    // Bob's memory answers as if it did not exist.
    given()
        .header("X-API-Key", aliceKey)
        .get("/api/v1/memories/" + bobs + "/related")
        .then()
        .statusCode(404);
    // An agent-scoped key: these memories were written by no agent.
    given()
        .header("X-API-Key", scopedKey(null, "planner"))
        .get("/api/v1/memories/" + aliceFirst + "/related")
        .then()
        .statusCode(404);
  }

  @Test
  void badInputIsAProblemDocument() {
    String memory = id();
    given()
        .auth()
        .oauth2(READER)
        .get("/api/v1/memories/" + memory + "/related")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("https://membank.io/problems/not-found"));
    for (String query : List.of("depth=0", "depth=4", "limit=0", "limit=101")) {
      given()
          .auth()
          .oauth2(READER)
          .get("/api/v1/memories/" + memory + "/related?" + query)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", equalTo("https://membank.io/problems/validation"));
    }
    given()
        .auth()
        .oauth2(READER)
        .get("/api/v1/users/u-1/entities?limit=201")
        .then()
        .statusCode(400);
    given().auth().oauth2(READER).get("/api/v1/users/u-1/graph?limit=501").then().statusCode(400);
    given().auth().oauth2(READER).get("/api/v1/users/bad%20user/graph").then().statusCode(400);
  }

  @Test
  void readsNeedACredentialWithTheReaderRole() {
    given().get("/api/v1/users/u-1/graph").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.token(TENANT, "app-1", "auditor"))
        .get("/api/v1/users/u-1/entities")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void writesAndQueriesAreMeasured() {
    String user = user();
    String memory = id();
    updater.apply(created(user, memory, "I love coffee"));
    updater.apply(created(user, memory, "I love coffee"));
    get("/api/v1/memories/" + memory + "/related");

    String metrics =
        given()
            .baseUri(
                management.getProtocol()
                    + "://"
                    + management.getHost()
                    + ":"
                    + management.getPort())
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(metrics)
        .contains("graph_writes_total{operation=\"created\",outcome=\"applied\"}")
        .contains("graph_writes_total{operation=\"created\",outcome=\"stale\"}")
        .contains("graph_write_duration_seconds_count")
        .containsPattern(
            "graph_query_duration_seconds_count\\{outcome=\"ok\",query=\"related\"\\}");
  }

  @Test
  void thePageAndItsVendoredLibraryAreServedWithoutCredentials() {
    given()
        .get("/graph/")
        .then()
        .statusCode(200)
        .body(containsString("vendor/cytoscape/cytoscape.min.js"))
        .body(org.hamcrest.Matchers.not(containsString("https://")));
    given()
        .get("/graph/vendor/cytoscape/cytoscape.min.js")
        .then()
        .statusCode(200)
        .body(containsString("cytoscape"));
  }
}
