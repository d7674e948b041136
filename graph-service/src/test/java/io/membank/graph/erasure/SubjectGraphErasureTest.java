package io.membank.graph.erasure;

import static io.membank.graph.GraphFixtures.count;
import static io.membank.graph.GraphFixtures.created;
import static io.membank.graph.GraphFixtures.id;
import static io.membank.graph.GraphFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import io.membank.graph.GraphFixtures;
import io.membank.graph.service.GraphUpdater;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.Neo4jResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/**
 * An erasure request removes the subject's User, Memory and Entity nodes and their relationships,
 * leaves no orphan entity and tombstones the memories; another subject and the same id in another
 * tenant keep theirs; poison goes to the dead-letter topic.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Neo4jResource.class)
class SubjectGraphErasureTest {

  private static final String NODES =
      """
      MATCH (n) WHERE n.ns = $ns AND n.tenant = $tenant
        AND ((n:User AND n.id = $user) OR (n:Memory AND n.user_id = $user)
             OR (n:Entity AND n.user_id = $user))
      RETURN count(n)
      """;

  @Inject GraphUpdater updater;
  @Inject Driver driver;

  @Test
  void the_subject_leaves_the_graph_with_no_orphans_and_nobody_else_does() throws Exception {
    String anna = user();
    String bob = user();
    String memory = id();
    updater.apply(created(anna, memory, "I love coffee and I work at Starbucks"));
    updater.apply(created(anna, id(), "I live in Porto"));
    updater.apply(created(bob, id(), "I love coffee"));
    MemoryEvent elsewhere = created(anna, id(), "I love tea");
    updater.apply(
        new MemoryEvent(
            elsewhere.memoryId(),
            "other",
            anna,
            null,
            "s-1",
            elsewhere.operation(),
            1,
            elsewhere.content(),
            elsewhere.type(),
            0.5,
            elsewhere.entities(),
            Map.of(),
            elsewhere.validFrom(),
            null,
            elsewhere.createdAt(),
            elsewhere.updatedAt(),
            null));
    long annaBefore = nodes(GraphFixtures.TENANT, anna);
    long bobBefore = nodes(GraphFixtures.TENANT, bob);
    assertThat(annaBefore).isGreaterThan(3);

    String erasure = UUID.randomUUID().toString();
    send(
        new ErasureRequested(
            erasure, GraphFixtures.TENANT, anna, "request", 1, OffsetDateTime.now()));
    JsonNode confirmed =
        KafkaTestClient.awaitRecord(
            Topics.GOVERNANCE_RESULTS,
            n ->
                erasure.equals(n.path("data").path("erasure_id").asText())
                    && "graph-service".equals(n.path("data").path("service").asText()));

    JsonNode stores = confirmed.path("data").path("stores");
    assertThat(stores.get(0).path("before").asLong()).isEqualTo(annaBefore);
    assertThat(stores.get(1).path("before").asLong()).isPositive();
    stores.forEach(
        s -> {
          assertThat(s.path("after").asLong()).as(s.toString()).isZero();
          assertThat(s.path("remaining").asLong()).as(s.toString()).isZero();
        });
    assertThat(nodes(GraphFixtures.TENANT, anna)).isZero();
    assertThat(nodes(GraphFixtures.TENANT, bob)).isEqualTo(bobBefore);
    assertThat(nodes("other", anna)).isPositive();
    assertThat(
            count(
                driver,
                "MATCH (t:DeletedMemory {ns: $ns, tenant: $tenant, id: $id}) RETURN count(t)",
                Map.of("tenant", GraphFixtures.TENANT, "id", memory)))
        .isEqualTo(1);

    // A stale event of an erased memory stays stale.
    updater.apply(created(anna, memory, "I love coffee and I work at Starbucks"));
    assertThat(nodes(GraphFixtures.TENANT, anna)).isZero();
  }

  @Test
  void a_poison_request_lands_on_the_dead_letter_topic() {
    String marker = UUID.randomUUID().toString();
    KafkaTestClient.send(Topics.GOVERNANCE_REQUESTS, "x", "{\"not\":\"" + marker + "\"}");

    JsonNode dead =
        KafkaTestClient.awaitRecord(
            "governance.requests.dlq.graph-service", n -> marker.equals(n.path("not").asText()));
    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }

  private long nodes(String tenant, String user) {
    return count(driver, NODES, Map.of("tenant", tenant, "user", user));
  }

  private static void send(ErasureRequested request) throws Exception {
    KafkaTestClient.send(
        Topics.GOVERNANCE_REQUESTS,
        request.tenantId(),
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_ERASURE_REQUESTED,
                    "/test",
                    request.erasureId(),
                    request.tenantId(),
                    request)));
  }
}
