package io.membank.search.index.qdrant;

import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.MemoryEvent;
import io.membank.search.index.IndexedMemory;
import io.membank.search.index.MetadataJson;
import io.membank.search.index.Vector;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A memory as a Qdrant point and back: the same fields as the Lucene document, as payload (the
 * filterable ones indexed, see {@link QdrantCollections}), the embedding as the named dense vector
 * of its model and the content as the sparse keyword vector. Deleted memories stay as tombstones
 * with only what version checks and tenant binding need.
 */
final class QdrantPoints {

  static final String TENANT = "tenant_id";
  static final String USER = "user_id";
  static final String MEMORY = "memory_id";
  static final String VERSION = "version";
  static final String STATE = "state";
  static final String AGENT = "agent_id";
  static final String SESSION = "session_id";
  static final String CONTENT = "content";
  static final String TYPE = "type";
  static final String IMPORTANCE = "importance";
  static final String ENTITIES = "entities";
  static final String ENTITIES_LC = "entities_lc";
  static final String METADATA = "metadata_json";
  static final String META_KV = "meta_kv";
  static final String CREATED = "created_at_ms";
  static final String UPDATED = "updated_at_ms";
  static final String VALID_FROM = "valid_from_ms";
  static final String VALID_TO = "valid_to_ms";
  static final String OCCURRED = "occurred_at_ms";
  static final String EXPIRES = "expires_at_ms";
  static final String EMBEDDING_MODEL = "embedding_model";

  /** The sparse (keyword) vector's name. */
  static final String TEXT_VECTOR = "text";

  /** {@link #VALID_TO} of a memory valid without end (9999-12-31T23:59:59.999Z). */
  static final long OPEN_END = 253_402_300_799_999L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparseText sparse;

  QdrantPoints(SparseText sparse) {
    this.sparse = sparse;
  }

  /**
   * The point of a memory: its id derived from tenant + memory id, so one memory id in two tenants
   * is two points and a tenant can never overwrite another's.
   */
  static PointId id(String tenant, String memoryId) {
    return PointIdFactory.id(
        UUID.nameUUIDFromBytes((tenant + "/" + memoryId).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Exact-match key of one metadata value: the JSON array {@code [key, value]}, so no key or value
   * can be read as another (a key with '=' or '.' included).
   */
  static String metaKey(String key, String value) {
    try {
      return JSON.writeValueAsString(List.of(key, value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The point of an event, with its embedding (or null). */
  PointStruct point(MemoryEvent e, Vector embedding) {
    Map<String, Value> payload = new LinkedHashMap<>();
    payload.put(TENANT, value(e.tenantId()));
    payload.put(USER, value(e.userId()));
    payload.put(MEMORY, value(e.memoryId()));
    payload.put(VERSION, value(e.version()));
    payload.put(STATE, value(state(e)));
    Map<String, io.qdrant.client.grpc.Points.Vector> vectors = new LinkedHashMap<>();
    if (e.operation() != MemoryEvent.Operation.DELETED) {
      content(payload, e);
      SparseText.Sparse text = sparse.document(e.content());
      if (text != null) {
        vectors.put(TEXT_VECTOR, vector(text.values(), text.indices()));
      }
      if (embedding != null) {
        vectors.put(embedding.field(), vector(embedding.values()));
        payload.put(EMBEDDING_MODEL, value(embedding.model()));
      }
    }
    // A tombstone has no vector at all: an empty map of named vectors.
    return PointStruct.newBuilder()
        .setId(id(e.tenantId(), e.memoryId()))
        .setVectors(VectorsFactory.namedVectors(vectors))
        .putAllPayload(payload)
        .build();
  }

  private static String state(MemoryEvent e) {
    return switch (e.operation()) {
      case DELETED -> "deleted";
      case INVALIDATED -> "invalid";
      default -> e.validTo() != null ? "invalid" : "valid";
    };
  }

  private static void content(Map<String, Value> payload, MemoryEvent e) {
    optional(payload, AGENT, e.agentId());
    optional(payload, SESSION, e.sessionId());
    payload.put(CONTENT, value(e.content() == null ? "" : e.content()));
    optional(payload, TYPE, e.type());
    if (e.importance() != null) {
      payload.put(IMPORTANCE, value(e.importance()));
    }
    List<String> entities = e.entities() == null ? List.of() : e.entities();
    payload.put(ENTITIES, strings(entities));
    payload.put(
        ENTITIES_LC, strings(entities.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()));
    if (e.metadata() != null && !e.metadata().isEmpty()) {
      payload.put(METADATA, value(MetadataJson.write(e.metadata())));
      payload.put(META_KV, strings(metaKeys(e.metadata())));
    }
    time(payload, CREATED, e.createdAt());
    time(payload, UPDATED, e.updatedAt());
    time(payload, OCCURRED, e.occurredAt() != null ? e.occurredAt() : e.createdAt());
    time(payload, EXPIRES, e.expiresAt());
    time(payload, VALID_FROM, e.validFrom() != null ? e.validFrom() : e.createdAt());
    // Open-ended validity is stored as the end of time, so as_of can range over it.
    payload.put(
        VALID_TO, value(e.validTo() == null ? OPEN_END : e.validTo().toInstant().toEpochMilli()));
  }

  /** Top-level scalars (and lists of them) are filterable by equality, as strings. */
  private static List<String> metaKeys(Map<String, Object> metadata) {
    List<String> out = new ArrayList<>();
    metadata.forEach(
        (name, v) -> {
          for (Object item : v instanceof List<?> l ? l : Collections.singletonList(v)) {
            if (item instanceof String || item instanceof Number || item instanceof Boolean) {
              out.add(metaKey(name, String.valueOf(item)));
            }
          }
        });
    return out;
  }

  private static void optional(Map<String, Value> payload, String key, String v) {
    if (v != null) {
      payload.put(key, value(v));
    }
  }

  private static void time(Map<String, Value> payload, String key, OffsetDateTime t) {
    if (t != null) {
      payload.put(key, value(t.toInstant().toEpochMilli()));
    }
  }

  private static Value strings(List<String> values) {
    return list(values.stream().map(s -> value(s)).toList());
  }

  /** The memory a point's payload describes, with the score it was found with. */
  static IndexedMemory memory(Map<String, Value> p, float score) {
    return new IndexedMemory(
        text(p, MEMORY),
        text(p, USER),
        text(p, AGENT),
        text(p, SESSION),
        text(p, CONTENT),
        text(p, TYPE),
        number(p, IMPORTANCE),
        texts(p, ENTITIES),
        text(p, METADATA),
        version(p),
        time(p, VALID_FROM),
        Long.valueOf(OPEN_END).equals(integer(p, VALID_TO)) ? null : time(p, VALID_TO),
        time(p, CREATED),
        time(p, UPDATED),
        score,
        time(p, OCCURRED),
        time(p, EXPIRES),
        null);
  }

  /** The version a point holds (0 when it has none). */
  static long version(Map<String, Value> p) {
    Long v = integer(p, VERSION);
    return v == null ? 0 : v;
  }

  private static Long integer(Map<String, Value> p, String key) {
    Value v = p.get(key);
    return v == null || !v.hasIntegerValue() ? null : v.getIntegerValue();
  }

  private static String text(Map<String, Value> p, String key) {
    Value v = p.get(key);
    return v == null || !v.hasStringValue() ? null : v.getStringValue();
  }

  private static List<String> texts(Map<String, Value> p, String key) {
    Value v = p.get(key);
    if (v == null || !v.hasListValue()) {
      return List.of();
    }
    return v.getListValue().getValuesList().stream().map(Value::getStringValue).toList();
  }

  private static Double number(Map<String, Value> p, String key) {
    Value v = p.get(key);
    if (v == null) {
      return null;
    }
    return switch (v.getKindCase()) {
      case INTEGER_VALUE -> (double) v.getIntegerValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      default -> null;
    };
  }

  private static OffsetDateTime time(Map<String, Value> p, String key) {
    Long millis = integer(p, key);
    return millis == null
        ? null
        : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
