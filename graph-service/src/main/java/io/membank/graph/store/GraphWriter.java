package io.membank.graph.store;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.config.GraphConfig;
import io.membank.graph.extract.EntityKeys;
import io.membank.graph.extract.EntityType;
import io.membank.graph.extract.ExtractedEntity;
import io.membank.graph.extract.ExtractedRelation;
import io.membank.graph.extract.Extraction;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;

/**
 * Writes memory events into the graph, one transaction per batch: the Memory node, its User, the
 * Entity nodes it mentions (MENTIONS with confidence and context) and the typed relationships it
 * states (each carrying the memory id, strength, label and valid_from/valid_to). Every value is a
 * query parameter; the only text put into a query is a {@link RelationType} constant.
 */
@ApplicationScoped
public class GraphWriter {

  /** What an event did. */
  public enum Outcome {
    APPLIED,
    /** Not newer than what the graph holds (repeated or out-of-order): nothing changed. */
    STALE
  }

  /**
   * What the graph holds of a memory.
   *
   * @param version newest version seen, deletions included (0: never seen)
   * @param derivation fingerprint of what its entities were derived from, null if none
   */
  public record Stored(long version, String derivation) {}

  static final int NAME_MAX = 200;
  static final int LABEL_MAX = 100;
  static final int CONTEXT_MAX = 300;
  static final double DEFAULT_IMPORTANCE = 0.5;

  private static final String VERSION_HELD =
      """
      OPTIONAL MATCH (t:DeletedMemory {ns: $ns, tenant: $tenant, id: $id})
      OPTIONAL MATCH (m:Memory {ns: $ns, tenant: $tenant, id: $id})
      RETURN coalesce(t.version, 0) AS deleted, coalesce(m.version, 0) AS held
      """;
  private static final String VERSIONS_HELD =
      """
      UNWIND $keys AS k
      OPTIONAL MATCH (t:DeletedMemory {ns: $ns, tenant: k.tenant, id: k.id})
      OPTIONAL MATCH (m:Memory {ns: $ns, tenant: k.tenant, id: k.id})
      RETURN k.tenant AS tenant, k.id AS id, coalesce(t.version, 0) AS deleted,
             coalesce(m.version, 0) AS held, m.derivation AS derivation
      """;

  /** Upserts the memory and its user unless the graph holds this version or a newer one. */
  private static final String UPSERT_MEMORY =
      """
      OPTIONAL MATCH (t:DeletedMemory {ns: $ns, tenant: $tenant, id: $id})
      OPTIONAL MATCH (old:Memory {ns: $ns, tenant: $tenant, id: $id})
      WITH t, old
      WHERE coalesce(t.version, 0) < $version AND coalesce(old.version, 0) < $version
      MERGE (u:User {ns: $ns, tenant: $tenant, id: $user})
      MERGE (m:Memory {ns: $ns, tenant: $tenant, id: $id})
      SET m += $props
      MERGE (u)-[:HAS_MEMORY]->(m)
      FOREACH (x IN CASE WHEN t IS NULL THEN [] ELSE [t] END | DELETE x)
      RETURN old IS NOT NULL AS existed
      """;

  /** Removes what the memory was derived into: its MENTIONS and its relationships. */
  private static final String CLEAR_DERIVED =
      """
      MATCH (:Memory {ns: $ns, tenant: $tenant, id: $id})-[mm:MENTIONS]->(e:Entity)
      OPTIONAL MATCH (e)<-[r]-()
      WHERE r.memory_id = $id
      WITH mm, e, collect(r) AS rs
      FOREACH (x IN rs | DELETE x)
      DELETE mm
      RETURN collect(elementId(e)) AS old
      """;

  private static final String DELETE_DERIVED_RELATIONSHIPS =
      """
      MATCH (:Memory {ns: $ns, tenant: $tenant, id: $id})-[:MENTIONS]->(:Entity)<-[r]-()
      WHERE r.memory_id = $id
      DELETE r
      """;
  private static final String CLOSE_DERIVED_RELATIONSHIPS =
      """
      MATCH (:Memory {ns: $ns, tenant: $tenant, id: $id})-[:MENTIONS]->(:Entity)<-[r]-()
      WHERE r.memory_id = $id
      SET r.valid_to = $valid_to
      """;
  private static final String DELETE_ORPHANS =
      """
      UNWIND $old AS eid
      MATCH (e:Entity) WHERE elementId(e) = eid AND NOT (e)<-[:MENTIONS]-()
      DETACH DELETE e
      RETURN count(*) AS removed
      """;
  private static final String DELETE_MEMORY =
      """
      MATCH (m:Memory {ns: $ns, tenant: $tenant, id: $id})
      OPTIONAL MATCH (m)-[:MENTIONS]->(e:Entity)
      WITH m, collect(elementId(e)) AS old
      DETACH DELETE m
      RETURN old
      """;
  private static final String DELETE_IDLE_USER =
      """
      MATCH (u:User {ns: $ns, tenant: $tenant, id: $user})
      WHERE NOT (u)-[:HAS_MEMORY]->()
      DETACH DELETE u
      """;
  private static final String TOMBSTONE =
      """
      MERGE (t:DeletedMemory {ns: $ns, tenant: $tenant, id: $id})
      SET t.version = $version, t.deleted_at = $now
      """;

  /**
   * The memory's entities (MERGE, one per key and type), its MENTIONS and its relationships, in one
   * statement. Relationship endpoints are entity keys of this memory or null for the user; each
   * relationship runs one FOREACH per allowed type, of which only the one naming {@code rel.type}
   * does anything. The types in the text are our enum constants, never text from an event or a
   * model.
   */
  static final String DERIVE = derive();

  private static String derive() {
    StringBuilder q =
        new StringBuilder(
            """
            MATCH (m:Memory {ns: $ns, tenant: $tenant, id: $id})
            MATCH (u:User {ns: $ns, tenant: $tenant, id: $user})
            CALL (m) {
              UNWIND $entities AS ent
              MERGE (e:Entity {ns: $ns, tenant: $tenant, user_id: $user, key: ent.key,
                               type: ent.type})
                ON CREATE SET e.name = ent.name, e.created_at = $now
              CREATE (m)-[:MENTIONS {confidence: ent.confidence, context: ent.context}]->(e)
              RETURN collect(e) AS es
            }
            UNWIND $rels AS rel
            WITH rel,
                 CASE WHEN rel.source IS NULL THEN u
                      ELSE [x IN es WHERE x.key = rel.source][0] END AS s,
                 [x IN es WHERE x.key = rel.target][0] AS t
            WHERE s IS NOT NULL AND t IS NOT NULL
            """);
    for (RelationType type : RelationType.values()) {
      q.append(
          """
          FOREACH (_ IN CASE WHEN rel.type = '%1$s' THEN [1] ELSE [] END |
            CREATE (s)-[:%1$s {memory_id: $id, label: rel.label, strength: rel.strength,
                    valid_from: $valid_from, valid_to: $valid_to, created_at: $now}]->(t))
          """
              .formatted(type.name()));
    }
    return q.toString();
  }

  private final Driver driver;
  private final String database;
  private final String namespace;
  private final TransactionConfig tx;
  private final int maxEntities;
  private final int maxRelations;

  @Inject
  public GraphWriter(Driver driver, Neo4jConfig neo4j, GraphConfig graph) {
    this(
        driver,
        neo4j.database(),
        neo4j.namespace().orElse(""),
        neo4j.queryTimeout(),
        graph.maxEntitiesPerMemory(),
        graph.maxRelationsPerMemory());
  }

  public GraphWriter(
      Driver driver,
      String database,
      String namespace,
      Duration timeout,
      int maxEntities,
      int maxRelations) {
    this.driver = driver;
    this.database = database;
    this.namespace = namespace;
    this.tx = TransactionConfig.builder().withTimeout(timeout).build();
    this.maxEntities = maxEntities;
    this.maxRelations = maxRelations;
  }

  /**
   * One change to apply: a deleted event, or a created/updated/invalidated one with the extraction
   * to derive its entities from ({@code null}: keep the ones it has).
   */
  public record Change(MemoryEvent event, Extraction extraction, String derivation) {}

  /**
   * What the graph holds of these memories, by {@link #key}; one read for a whole batch, before the
   * possibly slow extraction.
   */
  @WithSpan(kind = SpanKind.CLIENT)
  public Map<String, Stored> stored(List<MemoryEvent> events) {
    List<Map<String, Object>> keys =
        events.stream()
            .map(e -> Map.<String, Object>of("tenant", e.tenantId(), "id", e.memoryId()))
            .distinct()
            .toList();
    try (var session = driver.session(SessionConfig.forDatabase(database))) {
      return session.executeRead(
          t -> {
            Map<String, Stored> out = new HashMap<>();
            for (Record r : t.run(VERSIONS_HELD, Map.of("ns", namespace, "keys", keys)).list()) {
              out.put(
                  key(r.get("tenant").asString(), r.get("id").asString()),
                  new Stored(
                      Math.max(r.get("deleted").asLong(), r.get("held").asLong()),
                      r.get("derivation").isNull() ? null : r.get("derivation").asString()));
            }
            return out;
          },
          tx);
    }
  }

  /** The key {@link #stored} answers by. */
  public static String key(String tenant, String memoryId) {
    return tenant + "\u0000" + memoryId;
  }

  /**
   * Applies the changes in order, in one transaction (one commit per batch, not per event). Each is
   * checked again against the version the graph holds, so a stale one changes nothing. A created,
   * updated or invalidated event with an extraction has its mentions and relationships derived
   * anew; without one they stay and only follow its validity (an invalidated memory closes its
   * relationships: valid_to is set, nothing is deleted). A deleted event removes the memory and
   * every entity nobody mentions any more.
   */
  @WithSpan(kind = SpanKind.CLIENT)
  public List<Outcome> apply(List<Change> changes) {
    if (changes.isEmpty()) {
      return List.of();
    }
    try (var session = driver.session(SessionConfig.forDatabase(database))) {
      return session.executeWrite(
          t -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (Change c : changes) {
              outcomes.add(
                  c.event().operation() == MemoryEvent.Operation.DELETED
                      ? delete(t, c.event())
                      : upsert(t, c.event(), c.extraction(), c.derivation()));
            }
            return outcomes;
          },
          tx);
    }
  }

  /** {@link #apply} for one change. */
  @WithSpan(kind = SpanKind.CLIENT)
  public Outcome apply(Change change) {
    return apply(List.of(change)).get(0);
  }

  private Outcome upsert(
      TransactionContext t, MemoryEvent event, Extraction extraction, String derivation) {
    Map<String, Object> params = base(event.tenantId(), event.memoryId());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime validTo = validTo(event);
    params.put("user", event.userId());
    params.put("version", event.version());
    params.put("now", now);
    params.put("valid_from", validFrom(event));
    params.put("valid_to", validTo);
    params.put("props", memoryProperties(event, validTo, extraction == null ? null : derivation));
    List<Record> upserted = t.run(UPSERT_MEMORY, params).list();
    if (upserted.isEmpty()) {
      return Outcome.STALE;
    }
    if (extraction == null) {
      t.run(CLOSE_DERIVED_RELATIONSHIPS, params).consume();
      return Outcome.APPLIED;
    }
    List<Object> old =
        upserted.get(0).get("existed").asBoolean()
            ? t.run(CLEAR_DERIVED, params).single().get("old").asList()
            : List.of();
    Prepared prepared = prepare(extraction);
    params.put("entities", prepared.entityParams());
    params.put("rels", prepared.relationParams());
    t.run(DERIVE, params).consume();
    if (!old.isEmpty()) {
      params.put("old", old);
      t.run(DELETE_ORPHANS, params).consume();
    }
    return Outcome.APPLIED;
  }

  private Outcome delete(TransactionContext t, MemoryEvent event) {
    if (event.version() <= held(t, event)) {
      return Outcome.STALE;
    }
    Map<String, Object> params = base(event.tenantId(), event.memoryId());
    params.put("user", event.userId());
    params.put("version", event.version());
    params.put("now", OffsetDateTime.now(ZoneOffset.UTC));
    t.run(DELETE_DERIVED_RELATIONSHIPS, params).consume();
    var deleted = t.run(DELETE_MEMORY, params).list();
    params.put("old", deleted.isEmpty() ? List.of() : deleted.get(0).get("old").asList());
    t.run(DELETE_ORPHANS, params).consume();
    t.run(DELETE_IDLE_USER, params).consume();
    t.run(TOMBSTONE, params).consume();
    return Outcome.APPLIED;
  }

  /** The newest version the graph has seen of a memory, deletions included. */
  private long held(TransactionContext t, MemoryEvent event) {
    Record r = t.run(VERSION_HELD, base(event.tenantId(), event.memoryId())).single();
    return Math.max(r.get("deleted").asLong(), r.get("held").asLong());
  }

  private Map<String, Object> base(String tenant, String memoryId) {
    Map<String, Object> p = new HashMap<>();
    p.put("ns", namespace);
    p.put("tenant", tenant);
    p.put("id", memoryId);
    return p;
  }

  private static Map<String, Object> memoryProperties(
      MemoryEvent e, OffsetDateTime validTo, String derivation) {
    Map<String, Object> p = new HashMap<>();
    p.put("user_id", e.userId());
    p.put("agent_id", e.agentId());
    p.put("session_id", e.sessionId());
    p.put("content", e.content());
    p.put("type", e.type());
    p.put("importance", e.importance() == null ? DEFAULT_IMPORTANCE : e.importance());
    p.put("version", e.version());
    p.put("created_at", e.createdAt());
    p.put("updated_at", e.updatedAt());
    p.put("valid_from", validFrom(e));
    p.put("valid_to", validTo);
    if (derivation != null) {
      p.put("derivation", derivation);
    }
    return p;
  }

  private static OffsetDateTime validFrom(MemoryEvent e) {
    return e.validFrom() != null ? e.validFrom() : e.createdAt();
  }

  /** When the memory stopped being true; an invalidation without a time closes it now. */
  static OffsetDateTime validTo(MemoryEvent e) {
    if (e.validTo() != null || e.operation() != MemoryEvent.Operation.INVALIDATED) {
      return e.validTo();
    }
    return e.updatedAt() != null ? e.updatedAt() : OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** An extraction cleaned for storage: keys, bounds, one entity per key, known endpoints. */
  record Prepared(List<PreparedEntity> entities, List<PreparedRelation> relations) {

    List<Map<String, Object>> entityParams() {
      return entities.stream()
          .map(
              e ->
                  Map.<String, Object>of(
                      "key", e.key(),
                      "type", e.type(),
                      "name", e.name(),
                      "confidence", e.confidence(),
                      "context", e.context()))
          .toList();
    }

    List<Map<String, Object>> relationParams() {
      return relations.stream()
          .map(
              r -> {
                Map<String, Object> p = new HashMap<>();
                p.put("source", r.sourceKey());
                p.put("target", r.targetKey());
                p.put("type", r.type().name());
                p.put("label", r.label());
                p.put("strength", r.strength());
                return p;
              })
          .toList();
    }
  }

  record PreparedEntity(String key, String type, String name, double confidence, String context) {}

  /** {@code sourceKey} null: from the user. */
  record PreparedRelation(
      String sourceKey, RelationType type, String label, String targetKey, double strength) {}

  Prepared prepare(Extraction extraction) {
    Map<String, PreparedEntity> byKey = new LinkedHashMap<>();
    List<ExtractedEntity> ranked = new ArrayList<>(extraction.entities());
    ranked.sort(Comparator.comparingDouble(ExtractedEntity::confidence).reversed());
    for (ExtractedEntity e : ranked) {
      if (byKey.size() < maxEntities) {
        add(byKey, e.name(), e.type(), e.confidence(), e.context());
      }
    }
    List<PreparedRelation> relations = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    for (ExtractedRelation r : extraction.relations()) {
      if (relations.size() == maxRelations || r.target() == null) {
        continue;
      }
      double strength = clamp(r.strength());
      String source =
          r.fromUser() ? null : add(byKey, r.source(), EntityType.CONCEPT, strength, null);
      String target = add(byKey, r.target(), EntityType.CONCEPT, strength, null);
      if ((!r.fromUser() && source == null) || target == null || target.equals(source)) {
        continue;
      }
      String label = bound(r.label() == null ? "" : r.label().strip(), LABEL_MAX);
      RelationType type = RelationType.fromLabel(label);
      if (seen.add(List.of(String.valueOf(source), type, label, target))) {
        relations.add(new PreparedRelation(source, type, label, target, strength));
      }
    }
    return new Prepared(List.copyOf(byKey.values()), relations);
  }

  /** Adds the entity if new and there is room; returns its key, or null when it has none. */
  private String add(
      Map<String, PreparedEntity> byKey,
      String name,
      EntityType type,
      double confidence,
      String context) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String bounded = bound(name.strip(), NAME_MAX);
    EntityKeys.Key key = EntityKeys.of(bounded, type == null ? EntityType.CONCEPT : type);
    if (key.key().isEmpty()) {
      return null;
    }
    if (byKey.containsKey(key.key())) {
      return key.key();
    }
    if (byKey.size() >= maxEntities) {
      return null;
    }
    byKey.put(
        key.key(),
        new PreparedEntity(
            key.key(),
            key.type().wireName(),
            bounded,
            clamp(confidence),
            context == null ? "named in a relationship" : bound(context, CONTEXT_MAX)));
    return key.key();
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0.5 : Math.max(0, Math.min(1, v));
  }

  private static String bound(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
