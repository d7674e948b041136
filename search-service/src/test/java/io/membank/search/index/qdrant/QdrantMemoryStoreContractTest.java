package io.membank.search.index.qdrant;

import static io.membank.search.index.qdrant.QdrantCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.search.index.MemoryStore;
import io.membank.search.index.MemoryStoreContract;
import io.membank.search.index.SearchConfig;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.DeleteAlias;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real Qdrant: the server at {@code QDRANT_URL} (its gRPC endpoint, e.g.
 * {@code http://127.0.0.1:6334}; {@code QDRANT_API_KEY} if it wants one), a fresh alias and
 * collection per test, dropped after it.
 *
 * <p>Qdrant cannot run on the development machines, so the normal build neither runs nor skips this
 * class: the Maven profile {@code qdrant-contract} in search-service/pom.xml, active only when
 * {@code QDRANT_URL} is set, adds it — the GitHub workflow's {@code qdrant-contract} job does so
 * with a Qdrant service container. Asked for by name without {@code QDRANT_URL}, it fails.
 */
class QdrantMemoryStoreContractTest extends MemoryStoreContract {

  private QdrantSettings settings;

  @Override
  protected MemoryStore open(SearchConfig.Hybrid hybrid) {
    String url = System.getenv("QDRANT_URL");
    assertThat(url)
        .as("QDRANT_URL must name Qdrant's gRPC endpoint, e.g. http://127.0.0.1:6334")
        .isNotBlank();
    Map<String, Integer> dense = new LinkedHashMap<>();
    dense.put("vec_en", 384);
    dense.put("vec_zh", 512);
    settings =
        QdrantSettings.fromUrl(
            url,
            System.getenv("QDRANT_API_KEY"),
            "membank_contract_" + UUID.randomUUID().toString().substring(0, 8),
            dense,
            Duration.ofSeconds(30),
            12);
    return QdrantMemoryStore.open(settings, hybrid);
  }

  @Override
  protected void destroy() {
    if (settings == null) {
      return;
    }
    try (QdrantClient client = QdrantMemoryStore.connect(settings)) {
      if (new QdrantCollections(client, settings).target().isPresent()) {
        await(
            client.updateAliasesAsync(
                List.of(
                    AliasOperations.newBuilder()
                        .setDeleteAlias(
                            DeleteAlias.newBuilder().setAliasName(settings.collection()))
                        .build())),
            "delete alias");
      }
      for (String name : await(client.listCollectionsAsync(), "list collections")) {
        if (name.startsWith(settings.collection() + "__")) {
          await(client.deleteCollectionAsync(name), "delete collection");
        }
      }
    }
  }

  @Test
  void theCollectionHasNamedVectorsTheKeywordVectorAndPayloadIndexes() {
    try (QdrantClient client = QdrantMemoryStore.connect(settings)) {
      String physical = new QdrantCollections(client, settings).target().orElseThrow();
      assertThat(physical).startsWith(settings.collection() + "__");
      CollectionInfo info = await(client.getCollectionInfoAsync(physical), "collection info");

      var params = info.getConfig().getParams();
      assertThat(params.getVectorsConfig().getParamsMap().getMapMap())
          .containsOnlyKeys("vec_en", "vec_zh");
      assertThat(params.getVectorsConfig().getParamsMap().getMapMap().get("vec_zh").getSize())
          .isEqualTo(512);
      assertThat(params.getSparseVectorsConfig().getMapMap().get(QdrantPoints.TEXT_VECTOR))
          .satisfies(
              s ->
                  assertThat(s.getModifier())
                      .isEqualTo(io.qdrant.client.grpc.Collections.Modifier.Idf));

      var schema = info.getPayloadSchemaMap();
      assertThat(schema.get(QdrantPoints.TENANT).getParams().getKeywordIndexParams().getIsTenant())
          .isTrue();
      for (String field : QdrantCollections.KEYWORD_FIELDS) {
        assertThat(schema.get(field).getDataType()).as(field).isEqualTo(PayloadSchemaType.Keyword);
      }
      for (String field : QdrantCollections.INTEGER_FIELDS) {
        assertThat(schema.get(field).getDataType()).as(field).isEqualTo(PayloadSchemaType.Integer);
      }
      assertThat(schema.get(QdrantPoints.IMPORTANCE).getDataType())
          .isEqualTo(PayloadSchemaType.Float);
    }
  }

  @Test
  void aRestartKeepsTheAliasAndItsMemories() {
    String id = applied(memory("acme", "u-1", "I keep bees"));
    store.close();
    store = QdrantMemoryStore.open(settings, HYBRID);

    assertThat(ids(store.search(keyword("acme", "u-1", "bees")))).containsExactly(id);
  }
}
