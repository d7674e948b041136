package io.membank.graph.erasure;

import io.membank.contracts.ErasureConfirmed.StoreCount;
import io.membank.graph.store.Neo4jConfig;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;

/**
 * Erases a subject of a tenant from Neo4j: the User node, its Memory nodes (each leaves a
 * DeletedMemory tombstone with id and version only, so a stale event stays stale), the subject's
 * Entity nodes and every relationship of them; then counts what is left and the tenant's orphan
 * entities (entities no memory mentions), which must be zero.
 */
@ApplicationScoped
public class SubjectGraphErasure {

  private static final String SUBJECT_NODES =
      """
      MATCH (n) WHERE n.ns = $ns AND n.tenant = $tenant
        AND ((n:User AND n.id = $user) OR (n:Memory AND n.user_id = $user)
             OR (n:Entity AND n.user_id = $user))
      """;
  private static final String COUNT_NODES = SUBJECT_NODES + "RETURN count(n) AS c";
  private static final String COUNT_RELATIONSHIPS =
      SUBJECT_NODES + "MATCH (n)-[r]-() RETURN count(DISTINCT r) AS c";
  private static final String TOMBSTONES =
      """
      MATCH (m:Memory {ns: $ns, tenant: $tenant, user_id: $user})
      MERGE (t:DeletedMemory {ns: $ns, tenant: $tenant, id: m.id})
      SET t.version = m.version, t.deleted_at = datetime()
      """;
  private static final String DELETE = SUBJECT_NODES + "DETACH DELETE n";
  private static final String ORPHANS =
      """
      MATCH (e:Entity {ns: $ns, tenant: $tenant}) WHERE NOT (e)<-[:MENTIONS]-()
      RETURN count(e) AS c
      """;

  private final Driver driver;
  private final String database;
  private final String namespace;

  public SubjectGraphErasure(Driver driver, Neo4jConfig neo4j) {
    this.driver = driver;
    this.database = neo4j.database();
    this.namespace = neo4j.namespace().orElse("");
  }

  /** Erases the subject; returns the counts for the confirmation. Erasing twice is harmless. */
  @WithSpan(kind = SpanKind.CLIENT)
  public List<StoreCount> erase(String tenant, String user) {
    Map<String, Object> p = Map.of("ns", namespace, "tenant", tenant, "user", user);
    long nodesBefore = count(COUNT_NODES, p);
    long relsBefore = count(COUNT_RELATIONSHIPS, p);
    try (var session = driver.session(SessionConfig.forDatabase(database))) {
      session.executeWriteWithoutResult(
          t -> {
            t.run(TOMBSTONES, p).consume();
            t.run(DELETE, p).consume();
          });
    }
    long nodesAfter = count(COUNT_NODES, p);
    long relsAfter = count(COUNT_RELATIONSHIPS, p);
    return List.of(
        new StoreCount(
            "neo4j:nodes (User, Memory, Entity)",
            nodesBefore,
            nodesAfter,
            "Cypher count of the subject's User, Memory and Entity nodes",
            nodesAfter),
        new StoreCount(
            "neo4j:relationships",
            relsBefore,
            relsAfter,
            "Cypher count of relationships of the subject's nodes",
            relsAfter),
        new StoreCount(
            "neo4j:orphan entities",
            0,
            0,
            "Cypher count of the tenant's entities no memory mentions",
            count(ORPHANS, p)));
  }

  private long count(String cypher, Map<String, Object> p) {
    try (var session = driver.session(SessionConfig.forDatabase(database))) {
      return session.executeRead(t -> t.run(cypher, p).single().get("c").asLong());
    }
  }
}
