package io.membank.search.index.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.MemoryEvent;
import io.membank.contracts.MemoryEvent.Operation;
import io.membank.search.index.IndexedMemory;
import io.membank.search.index.Vector;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Memories as Qdrant points and back, without a server. */
class QdrantPointsTest {

  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);
  final QdrantPoints points = new QdrantPoints(new SparseText(12));

  static MemoryEvent event(String tenant, Operation op, long version, OffsetDateTime validTo) {
    return new MemoryEvent(
        "m-1",
        tenant,
        "u-1",
        "agent-1",
        null,
        op,
        version,
        op == Operation.DELETED ? null : "I love green tea",
        "preference",
        0.5,
        List.of("Green Tea"),
        Map.of("source", "chat", "tags", List.of("a", 2), "deep", Map.of("x", 1)),
        null,
        validTo,
        T0,
        T0,
        null);
  }

  @Test
  void pointIdsAreStablePerTenantAndMemory() {
    assertThat(QdrantPoints.id("acme", "m-1")).isEqualTo(QdrantPoints.id("acme", "m-1"));
    assertThat(QdrantPoints.id("acme", "m-1")).isNotEqualTo(QdrantPoints.id("globex", "m-1"));
    assertThat(QdrantPoints.id("acme", "m-1").getUuid()).hasSize(36);
  }

  @Test
  void aMemoryBecomesPayloadAndVectorsAndReadsBack() {
    Vector embedding = new Vector("vec_en", "bge", new float[] {1, 0, 0});
    PointStruct p = points.point(event("acme", Operation.CREATED, 3, null), embedding);

    Map<String, Value> payload = p.getPayloadMap();
    assertThat(payload.get(QdrantPoints.TENANT).getStringValue()).isEqualTo("acme");
    assertThat(payload.get(QdrantPoints.STATE).getStringValue()).isEqualTo("valid");
    assertThat(payload.get(QdrantPoints.VERSION).getIntegerValue()).isEqualTo(3);
    assertThat(payload.get(QdrantPoints.VALID_TO).getIntegerValue())
        .isEqualTo(QdrantPoints.OPEN_END);
    assertThat(payload.get(QdrantPoints.ENTITIES_LC).getListValue().getValues(0).getStringValue())
        .isEqualTo("green tea");
    assertThat(
            payload.get(QdrantPoints.META_KV).getListValue().getValuesList().stream()
                .map(Value::getStringValue))
        .containsExactlyInAnyOrder("[\"source\",\"chat\"]", "[\"tags\",\"a\"]", "[\"tags\",\"2\"]");
    assertThat(p.getVectors().getVectors().getVectorsMap())
        .containsOnlyKeys("vec_en", QdrantPoints.TEXT_VECTOR);

    IndexedMemory m = QdrantPoints.memory(payload, 0.7f);
    assertThat(m.id()).isEqualTo("m-1");
    assertThat(m.content()).isEqualTo("I love green tea");
    assertThat(m.importance()).isEqualTo(0.5);
    assertThat(m.entities()).containsExactly("Green Tea");
    assertThat(m.version()).isEqualTo(3);
    assertThat(m.validFrom()).isEqualTo(T0);
    assertThat(m.validTo()).isNull();
    assertThat(m.createdAt()).isEqualTo(T0);
    assertThat(m.score()).isEqualTo(0.7f);
  }

  @Test
  void invalidatedKeepsItsEndAndDeletedIsATombstone() {
    PointStruct invalid =
        points.point(event("acme", Operation.INVALIDATED, 2, T0.plusDays(1)), null);
    assertThat(invalid.getPayloadMap().get(QdrantPoints.STATE).getStringValue())
        .isEqualTo("invalid");
    assertThat(QdrantPoints.memory(invalid.getPayloadMap(), 1).validTo()).isEqualTo(T0.plusDays(1));

    PointStruct tombstone = points.point(event("acme", Operation.DELETED, 4, null), null);
    assertThat(tombstone.getPayloadMap())
        .containsOnlyKeys(
            QdrantPoints.TENANT,
            QdrantPoints.USER,
            QdrantPoints.MEMORY,
            QdrantPoints.VERSION,
            QdrantPoints.STATE);
    assertThat(tombstone.getVectors().getVectors().getVectorsMap()).isEmpty();
    assertThat(QdrantPoints.version(tombstone.getPayloadMap())).isEqualTo(4);
  }

  @Test
  void metadataKeysCannotBeConfused() {
    assertThat(QdrantPoints.metaKey("a=b", "c")).isNotEqualTo(QdrantPoints.metaKey("a", "b=c"));
    assertThat(QdrantPoints.metaKey("a\",\"b", "c"))
        .isNotEqualTo(QdrantPoints.metaKey("a", "b\",\"c"));
  }
}
