package io.membank.graph.store;

import io.membank.graph.config.GraphConfig;
import io.membank.identity.OwnerScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;

/** The graph's questions: related memories, entity analysis, a user's network for drawing. */
@ApplicationScoped
public class GraphReader {

  /**
   * A memory related to another, and how.
   *
   * @param hops entity hops between the two: 1 = they mention the same entity
   * @param via entities (at that distance) that connect them, at most five
   */
  public record RelatedMemory(
      @Schema(
              description = "The related memory's id",
              example = "7d2e9c41-5b3a-4f8e-a1c6-9e0d2b4f6a81")
          String id,
      @Schema(description = "Whose memory it is", example = "alice") String userId,
      @Schema(description = "The memory's content", example = "Flies to Tokyo in May")
          String content,
      @Schema(description = "The memory's type", example = "plan") String type,
      @Schema(description = "How important the memory is, 0 to 1", example = "0.6")
          double importance,
      @Schema(description = "When the memory was stored", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "From when the fact holds", example = "2025-03-14T18:30:00Z")
          OffsetDateTime validFrom,
      @Schema(
              description =
                  "Entity hops between the two memories: 1 = they mention the same entity",
              example = "1")
          int hops,
      @Schema(
              description = "Entities (at that distance) that connect them, at most five",
              example = "[\"Tokyo\"]")
          List<String> via) {}

  /**
   * One relationship of an entity, all memories that state it taken together.
   *
   * @param direction {@code out} when the entity is the source, else {@code in}
   * @param otherKind {@code entity}, or {@code user} for the user the graph belongs to
   * @param strength combined strength of its current statements (noisy-or), 0 when none is
   * @param evidence how many memories state it
   * @param current whether a statement of it is still valid
   * @param validTo when the last statement of it stopped being valid; null while current
   */
  public record EntityRelationship(
      @Schema(description = "The relationship's type", example = "LIVES_IN") String type,
      @Schema(description = "The relationship as stated, in words", example = "lives in")
          String label,
      @Schema(description = "out when the entity is the source, else in", example = "out")
          String direction,
      @Schema(description = "entity, or user for the user the graph belongs to", example = "entity")
          String otherKind,
      @Schema(description = "The other end's name", example = "Lisbon") String otherName,
      @Schema(description = "The other end's entity type", example = "location", nullable = true)
          String otherType,
      @Schema(
              description =
                  "Combined strength of its current statements (noisy-or), 0 when none is",
              example = "0.9")
          double strength,
      @Schema(description = "How many memories state it", example = "2") int evidence,
      @Schema(description = "Whether a statement of it is still valid", example = "true")
          boolean current,
      @Schema(
              description = "When the first statement of it became valid",
              example = "2025-03-14T18:30:00Z",
              nullable = true)
          OffsetDateTime validFrom,
      @Schema(
              description = "When the last statement of it stopped being valid; null while current",
              nullable = true)
          OffsetDateTime validTo) {}

  /** An entity of a user's graph, by how many memories mention it. */
  public record EntitySummary(
      @Schema(description = "The entity's name", example = "Lisbon") String name,
      @Schema(
              description = "The entity's type (person, location, organization, ...)",
              example = "location",
              nullable = true)
          String type,
      @Schema(description = "The entity's normalized key", example = "lisbon") String key,
      @Schema(description = "How many memories mention it", example = "3") long mentionCount,
      @Schema(description = "Its relationships, grouped by type, label, direction and other end")
          List<EntityRelationship> relationships) {}

  /**
   * A node to draw.
   *
   * @param kind {@code memory}, {@code entity} or {@code user}
   * @param current false for a memory that is no longer valid
   */
  public record GraphNode(
      @Schema(description = "The node's id", example = "entity:lisbon") String id,
      @Schema(description = "memory, entity or user", example = "entity") String kind,
      @Schema(description = "The text to draw", example = "Lisbon") String label,
      @Schema(description = "The memory's or entity's type", example = "location", nullable = true)
          String type,
      @Schema(
              description = "A memory's importance, 0 to 1 (null for other nodes)",
              example = "0.7",
              nullable = true)
          Double importance,
      @Schema(description = "false for a memory that is no longer valid", example = "true")
          boolean current) {}

  /**
   * An edge to draw; parallel statements of one relationship are drawn once.
   *
   * @param count how many statements it stands for
   */
  public record GraphEdge(
      @Schema(description = "The edge's id", example = "e-1") String id,
      @Schema(description = "The source node's id", example = "user:alice") String source,
      @Schema(description = "The target node's id", example = "entity:lisbon") String target,
      @Schema(
              description = "The relationship's type (MENTIONS for memory to entity)",
              example = "LIVES_IN")
          String type,
      @Schema(description = "The text to draw", example = "lives in", nullable = true) String label,
      @Schema(description = "Its strength, 0 to 1", example = "0.9") double strength,
      @Schema(description = "How many statements it stands for", example = "2") int count,
      @Schema(description = "Whether it is still valid", example = "true") boolean current) {}

  /** A user's memory network, bounded. */
  public record GraphView(List<GraphNode> nodes, List<GraphEdge> edges, boolean truncated) {}

  private static final String MEMORY_EXISTS =
      "MATCH (m:Memory {ns: $ns, tenant: $tenant, id: $id})"
          + " RETURN m.user_id AS user, m.agent_id AS agent";

  /**
   * Entities by mentions, each with its relationships grouped by type, label, direction and other
   * end, aggregated in the database (a popular entity has thousands of statements): how many, how
   * many still valid, their combined strength as a noisy-or {@code 1 - Π(1 - s)} computed as a sum
   * of logarithms, and their validity window.
   */
  private static final String ENTITIES =
      """
      MATCH (e:Entity {ns: $ns, tenant: $tenant, user_id: $user})
      WITH e, COUNT { (e)<-[:MENTIONS]-() } AS mentions
      ORDER BY mentions DESC, e.name
      LIMIT $limit
      OPTIONAL MATCH (e)-[r:%s]-(o)
      WITH e, mentions, r, o,
           r IS NOT NULL AND (r.valid_to IS NULL OR r.valid_to > datetime()) AS open,
           CASE WHEN coalesce(r.strength, 0.5) > 0.999 THEN 0.999
                ELSE coalesce(r.strength, 0.5) END AS s
      WITH e, mentions, type(r) AS type, r.label AS label, startNode(r) = e AS outgoing, o,
           count(r) AS evidence, count(CASE WHEN open THEN 1 END) AS current,
           sum(CASE WHEN open THEN log(1 - s) ELSE 0 END) AS log_none,
           min(r.valid_from) AS valid_from, max(r.valid_to) AS valid_to
      WITH e, mentions, collect(CASE WHEN type IS NULL THEN null ELSE {
             type: type, label: label, outgoing: outgoing, user: o:User,
             other: coalesce(o.name, o.id), other_type: o.type, evidence: evidence,
             current: current, strength: 1 - exp(log_none),
             valid_from: valid_from, valid_to: valid_to} END) AS rels
      RETURN e.name AS name, e.type AS type, e.key AS key, mentions, rels
      ORDER BY mentions DESC, name
      """
          .formatted(RelationType.cypherAlternatives());

  private static final String GRAPH_MEMORIES =
      """
      MATCH (m:Memory {ns: $ns, tenant: $tenant, user_id: $user})
      WITH m ORDER BY m.created_at DESC, m.id LIMIT $limit
      OPTIONAL MATCH (m)-[mm:MENTIONS]->(e:Entity)
      WITH m, collect(CASE WHEN e IS NULL THEN null ELSE {eid: elementId(e), key: e.key,
             type: e.type, name: e.name, confidence: mm.confidence} END) AS mentions
      RETURN m.id AS id, m.content AS content, m.type AS type, m.importance AS importance,
             m.valid_to AS valid_to, m.created_at AS created_at, mentions
      ORDER BY created_at DESC, id
      """;
  private static final String GRAPH_RELATIONSHIPS =
      """
      UNWIND $eids AS eid
      MATCH (t:Entity) WHERE elementId(t) = eid
      MATCH (s)-[r:%s]->(t)
      WHERE r.memory_id IN $memories AND (s:User OR elementId(s) IN $eids)
      WITH s, eid, type(r) AS type, r.label AS label, count(r) AS statements,
           max(coalesce(r.strength, 0.5)) AS strength,
           sum(CASE WHEN r.valid_to IS NULL OR r.valid_to > datetime() THEN 1 ELSE 0 END) AS open
      RETURN elementId(s) AS source, s:User AS from_user, eid AS target, type, label,
             statements, strength, open > 0 AS current
      """
          .formatted(RelationType.cypherAlternatives());

  private final Driver driver;
  private final String database;
  private final String namespace;
  private final TransactionConfig tx;
  private final MeterRegistry registry;
  private final int maxEdges;

  @Inject
  public GraphReader(Driver driver, Neo4jConfig neo4j, GraphConfig graph, MeterRegistry registry) {
    this(
        driver,
        neo4j.database(),
        neo4j.namespace().orElse(""),
        neo4j.queryTimeout(),
        graph.graphMaxEdges(),
        registry);
  }

  public GraphReader(
      Driver driver,
      String database,
      String namespace,
      Duration timeout,
      int maxEdges,
      MeterRegistry registry) {
    this.driver = driver;
    this.database = database;
    this.namespace = namespace;
    this.tx = TransactionConfig.builder().withTimeout(timeout).build();
    this.maxEdges = maxEdges;
    this.registry = registry;
  }

  /**
   * Memories related to one through the entities it mentions and the typed relationships between
   * entities (currently valid ones), up to {@code depth} entity hops, best first: importance, then
   * recency. Empty when the tenant has no such memory, or the scope does not admit its owner; an
   * agent scope also keeps other agents' memories out of the answer.
   */
  @WithSpan(kind = SpanKind.CLIENT)
  public Optional<List<RelatedMemory>> related(
      String tenant, OwnerScope scope, String memoryId, int depth, int limit) {
    if (depth < 1 || depth > 3) {
      throw new IllegalArgumentException("depth must be 1..3");
    }
    Map<String, Object> params = params(tenant);
    params.put("id", memoryId);
    params.put("limit", limit);
    params.put("agent", scope.agentId());
    return timed(
        "related",
        () ->
            read(
                t -> {
                  List<Record> origin = t.run(MEMORY_EXISTS, params).list();
                  if (origin.isEmpty()
                      || !scope.admits(
                          origin.get(0).get("user").asString(null),
                          origin.get(0).get("agent").asString(null))) {
                    return Optional.<List<RelatedMemory>>empty();
                  }
                  List<RelatedMemory> out = new ArrayList<>();
                  for (Record r : t.run(relatedQuery(depth), params).list()) {
                    out.add(
                        new RelatedMemory(
                            r.get("id").asString(),
                            r.get("user_id").asString(),
                            r.get("content").asString(null),
                            r.get("type").asString(null),
                            r.get("importance").asDouble(),
                            time(r.get("created_at")),
                            time(r.get("valid_from")),
                            r.get("hops").asInt(),
                            r.get("via").asList(Value::asString)));
                  }
                  return Optional.of(out);
                }));
  }

  /**
   * The breadth-first walk, one level per entity hop: each level is the set of entities reached
   * from the previous one through a currently valid typed relationship and not seen before, so
   * parallel statements and cycles cost one visit, not one path each. Only integers and our own
   * {@link RelationType} constants are put into the text.
   */
  static String relatedQuery(int depth) {
    String types = RelationType.cypherAlternatives();
    StringBuilder q =
        new StringBuilder(
            """
            MATCH (m:Memory {ns: $ns, tenant: $tenant, id: $id})-[:MENTIONS]->(e:Entity)
            WITH m, collect(DISTINCT e) AS l0
            """);
    List<String> levels = new ArrayList<>(List.of("l0"));
    for (int k = 1; k < depth; k++) {
      String previous = "l" + (k - 1);
      String carried = String.join(", ", levels);
      String unseen = String.join(" AND ", levels.stream().map(l -> "NOT b IN " + l).toList());
      q.append(
          """
          UNWIND CASE WHEN size(%1$s) = 0 THEN [null] ELSE %1$s END AS a
          OPTIONAL MATCH (a)-[r:%2$s]-(b:Entity)
          WHERE (r.valid_to IS NULL OR r.valid_to > datetime()) AND %3$s
          WITH m, %4$s, collect(DISTINCT b) AS l%5$d
          """
              .formatted(previous, types, unseen, carried, k));
      levels.add("l" + k);
    }
    q.append(
        """
        WITH m, [%s] AS levels
        UNWIND range(0, size(levels) - 1) AS lvl
        UNWIND levels[lvl] AS e
        MATCH (e)<-[:MENTIONS]-(other:Memory)
        WHERE other <> m AND (other.valid_to IS NULL OR other.valid_to > datetime())
          AND ($agent IS NULL OR other.agent_id = $agent)
        WITH other, lvl, collect(DISTINCT e.name) AS names
        ORDER BY lvl
        WITH other, collect(lvl)[0] AS lvl, collect(names)[0] AS names
        ORDER BY other.importance DESC, other.created_at DESC, other.id
        LIMIT $limit
        RETURN other.id AS id, other.user_id AS user_id, other.content AS content,
               other.type AS type, other.importance AS importance,
               other.created_at AS created_at, other.valid_from AS valid_from,
               lvl + 1 AS hops, names[..5] AS via
        """
            .formatted(String.join(", ", levels)));
    return q.toString();
  }

  /** A user's entities by mention count, each with its relationships and their strength. */
  @WithSpan(kind = SpanKind.CLIENT)
  public List<EntitySummary> entities(String tenant, String userId, int limit) {
    Map<String, Object> params = params(tenant);
    params.put("user", userId);
    params.put("limit", limit);
    return timed(
        "entities",
        () ->
            read(
                t -> {
                  List<EntitySummary> out = new ArrayList<>();
                  for (Record r : t.run(ENTITIES, params).list()) {
                    out.add(
                        new EntitySummary(
                            r.get("name").asString(),
                            r.get("type").asString(),
                            r.get("key").asString(),
                            r.get("mentions").asLong(),
                            relationships(r.get("rels").asList(Value::asMap))));
                  }
                  return out;
                }));
  }

  /** One relationship per type, label, direction and other end, from its statements. */
  static List<EntityRelationship> relationships(List<Map<String, Object>> groups) {
    List<EntityRelationship> out = new ArrayList<>();
    for (Map<String, Object> g : groups) {
      boolean current = ((Number) g.get("current")).longValue() > 0;
      boolean user = Boolean.TRUE.equals(g.get("user"));
      out.add(
          new EntityRelationship(
              (String) g.get("type"),
              (String) g.get("label"),
              Boolean.TRUE.equals(g.get("outgoing")) ? "out" : "in",
              user ? "user" : "entity",
              String.valueOf(g.get("other")),
              user ? null : (String) g.get("other_type"),
              current ? round(((Number) g.get("strength")).doubleValue()) : 0,
              ((Number) g.get("evidence")).intValue(),
              current,
              offset(g.get("valid_from")),
              current ? null : offset(g.get("valid_to"))));
    }
    out.sort((a, b) -> Double.compare(b.strength(), a.strength()));
    return out;
  }

  /**
   * The newest {@code limit} memories of a user, the entities they mention and the relationships
   * those memories state (parallel statements drawn once, with their count).
   */
  @WithSpan(kind = SpanKind.CLIENT)
  public GraphView graph(String tenant, String userId, int limit) {
    Map<String, Object> params = params(tenant);
    params.put("user", userId);
    params.put("limit", limit);
    return timed("graph", () -> read(t -> graph(t, params, userId)));
  }

  private GraphView graph(
      org.neo4j.driver.TransactionContext t, Map<String, Object> params, String userId) {
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    Map<String, GraphEdge> edges = new LinkedHashMap<>();
    Map<String, String> nodeByElement = new HashMap<>();
    List<String> memoryIds = new ArrayList<>();
    boolean truncated = false;
    for (Record r : t.run(GRAPH_MEMORIES, params).list()) {
      memoryIds.add(r.get("id").asString());
      String memory = "m:" + r.get("id").asString();
      boolean current = isCurrent(r.get("valid_to"));
      nodes.put(
          memory,
          new GraphNode(
              memory,
              "memory",
              r.get("content").asString(""),
              r.get("type").asString(null),
              r.get("importance").isNull() ? null : r.get("importance").asDouble(),
              current));
      for (Map<String, Object> e : r.get("mentions").asList(Value::asMap)) {
        String entity = "e:" + e.get("type") + ":" + e.get("key");
        nodeByElement.put((String) e.get("eid"), entity);
        nodes.putIfAbsent(
            entity,
            new GraphNode(
                entity, "entity", (String) e.get("name"), (String) e.get("type"), null, true));
        if (edges.size() >= maxEdges) {
          truncated = true;
          continue;
        }
        String id = memory + "->" + entity;
        edges.put(
            id,
            new GraphEdge(
                id,
                memory,
                entity,
                "MENTIONS",
                null,
                ((Number) e.getOrDefault("confidence", 0.5)).doubleValue(),
                1,
                current));
      }
    }
    if (nodeByElement.isEmpty()) {
      return new GraphView(List.copyOf(nodes.values()), List.copyOf(edges.values()), truncated);
    }
    params.put("eids", List.copyOf(nodeByElement.keySet()));
    params.put("memories", memoryIds);
    String user = "u:" + userId;
    for (Record r : t.run(GRAPH_RELATIONSHIPS, params).list()) {
      String source =
          r.get("from_user").asBoolean() ? user : nodeByElement.get(r.get("source").asString());
      String target = nodeByElement.get(r.get("target").asString());
      if (source == null || target == null) {
        continue;
      }
      if (edges.size() >= maxEdges) {
        truncated = true;
        continue;
      }
      if (source.equals(user)) {
        nodes.putIfAbsent(user, new GraphNode(user, "user", userId, null, null, true));
      }
      String type = r.get("type").asString();
      String label = r.get("label").asString(null);
      String id = source + "-" + type + ":" + label + "->" + target;
      edges.put(
          id,
          new GraphEdge(
              id,
              source,
              target,
              type,
              label,
              r.get("strength").asDouble(),
              r.get("statements").asInt(),
              r.get("current").asBoolean()));
    }
    return new GraphView(List.copyOf(nodes.values()), List.copyOf(edges.values()), truncated);
  }

  private <T> T read(org.neo4j.driver.TransactionCallback<T> work) {
    try (var session =
        driver.session(
            SessionConfig.builder()
                .withDatabase(database)
                .withDefaultAccessMode(AccessMode.READ)
                .build())) {
      return session.executeRead(work, tx);
    }
  }

  private <T> T timed(String query, Supplier<T> work) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "ok";
    try {
      return work.get();
    } catch (RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      sample.stop(
          Timer.builder("graph_query_duration")
              .description("Latency of graph queries, by query")
              .tag("query", query)
              .tag("outcome", outcome)
              .publishPercentileHistogram()
              .register(registry));
    }
  }

  private Map<String, Object> params(String tenant) {
    Map<String, Object> p = new HashMap<>();
    p.put("ns", namespace);
    p.put("tenant", tenant);
    return p;
  }

  private static boolean isCurrent(Value validTo) {
    return validTo.isNull() || validTo.asOffsetDateTime().isAfter(OffsetDateTime.now());
  }

  private static OffsetDateTime time(Value v) {
    return v.isNull() ? null : v.asOffsetDateTime();
  }

  private static OffsetDateTime offset(Object v) {
    if (v instanceof OffsetDateTime o) {
      return o;
    }
    if (v instanceof java.time.ZonedDateTime z) {
      return z.toOffsetDateTime();
    }
    return null;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
