package io.membank.search.index.qdrant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.search.index.MemoryStoreContract;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Qdrant store where no Qdrant answers (its behaviour with one: QdrantMemoryStoreContractTest).
 */
class QdrantMemoryStoreTest {

  @Test
  void withoutAServerOpeningFailsNamingTheCallButNeverTheKey() {
    QdrantSettings nowhere =
        QdrantSettings.fromUrl(
            "http://127.0.0.1:1",
            "s3cr3t-key",
            "membank_memories",
            Map.of("vec_en", 384),
            Duration.ofSeconds(5),
            12);
    assertThatThrownBy(() -> QdrantMemoryStore.open(nowhere, MemoryStoreContract.HYBRID))
        .hasMessageContaining("qdrant list aliases failed")
        .hasMessageContaining("UNAVAILABLE")
        .hasMessageNotContaining("s3cr3t-key");
  }
}
