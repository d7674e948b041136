package io.membank.graph;

import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.identity.TestTokens;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;

/** Test data: memory events, credentials, and Cypher reads of this test's namespace. */
public final class GraphFixtures {

  public static final String TENANT = "acme";
  public static final String READER = TestTokens.token(TENANT, "app-1", "reader");
  public static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 11, 25, 9, 0, 0, 0, ZoneOffset.UTC);

  private GraphFixtures() {}

  public static String user() {
    return "u-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static String id() {
    return UUID.randomUUID().toString();
  }

  /** A memory event as memory-service publishes it. */
  public static MemoryEvent event(
      String user,
      String id,
      long version,
      MemoryEvent.Operation op,
      String content,
      double importance,
      OffsetDateTime created) {
    return new MemoryEvent(
        id,
        TENANT,
        user,
        null,
        "s-1",
        op,
        version,
        content,
        "fact",
        importance,
        List.of(),
        Map.of(),
        created,
        op == MemoryEvent.Operation.INVALIDATED ? created.plusHours(1) : null,
        created,
        created,
        null);
  }

  public static MemoryEvent created(String user, String id, String content) {
    return event(user, id, 1, MemoryEvent.Operation.CREATED, content, 0.5, T0);
  }

  /** Publishes the event on memory.events, wrapped as memory-service wraps it. */
  public static void publish(MemoryEvent e) throws Exception {
    KafkaTestClient.send("memory.events", e.memoryId(), record(e));
  }

  /** The event as a memory.events record value: a CloudEvent, as memory-service wraps it. */
  public static String record(MemoryEvent e) throws Exception {
    String type =
        switch (e.operation()) {
          case CREATED -> EventTypes.MEMORY_CREATED;
          case UPDATED -> EventTypes.MEMORY_UPDATED;
          case INVALIDATED -> EventTypes.MEMORY_INVALIDATED;
          case DELETED -> EventTypes.MEMORY_DELETED;
        };
    return EventJson.newMapper()
        .writeValueAsString(CloudEvent.of(type, "/test", e.memoryId(), e.tenantId(), e));
  }

  /** The namespace this test's graph lives in (see Neo4jResource). */
  public static String namespace() {
    return ConfigProvider.getConfig().getValue("membank.neo4j.namespace", String.class);
  }

  /** Runs a read query with {@code $ns} bound to this test's namespace. */
  public static List<Record> cypher(Driver driver, String query, Map<String, Object> params) {
    var all = new java.util.HashMap<>(params);
    all.put("ns", namespace());
    try (var session = driver.session(SessionConfig.forDatabase("neo4j"))) {
      return session.run(query, all).list();
    }
  }

  /** A single number from a counting query. */
  public static long count(Driver driver, String query, Map<String, Object> params) {
    return cypher(driver, query, params).get(0).get(0).asLong();
  }
}
