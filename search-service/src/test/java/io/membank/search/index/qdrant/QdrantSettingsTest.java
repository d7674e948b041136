package io.membank.search.index.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection settings: URL forms, the API key kept out of every text, names checked. */
class QdrantSettingsTest {

  static QdrantSettings settings(String url, String apiKey) {
    return QdrantSettings.fromUrl(
        url, apiKey, "membank_memories", Map.of("vec_en", 384), Duration.ofSeconds(5), 12);
  }

  @Test
  void aUrlGivesHostPortAndTransport() {
    QdrantSettings plain = settings("http://qdrant.internal", null);
    assertThat(plain.host()).isEqualTo("qdrant.internal");
    assertThat(plain.port()).isEqualTo(6334);
    assertThat(plain.tls()).isFalse();
    assertThat(plain.key()).isEmpty();

    QdrantSettings tls = settings("https://cluster.example:7334", "k");
    assertThat(tls.port()).isEqualTo(7334);
    assertThat(tls.tls()).isTrue();
    assertThat(tls.endpoint()).isEqualTo("https://cluster.example:7334");
  }

  @Test
  void theApiKeyNeverShows() {
    QdrantSettings s = settings("https://cluster.example:6334", "s3cr3t-key");
    assertThat(s.toString()).doesNotContain("s3cr3t-key").contains("apiKey=***");
    assertThat(s.endpoint()).doesNotContain("s3cr3t-key");
    assertThat(settings("http://h:1", null).toString()).contains("apiKey=none");
  }

  @Test
  void aBadUrlIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> settings("qdrant:6334?key=s3cr3t", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("membank.search.qdrant.url")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> settings("ftp://qdrant:6334", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void collectionNamesAndDenseVectorsAreChecked() {
    assertThatThrownBy(
            () ->
                QdrantSettings.fromUrl(
                    "http://h", null, "bad name/..", Map.of("vec_en", 384), Duration.ZERO, 12))
        .hasMessageContaining("membank.search.qdrant.collection");
    assertThat(QdrantSettings.denseVectors(List.of("vec_en:384", " vec_zh : 512")))
        .containsExactly(Map.entry("vec_en", 384), Map.entry("vec_zh", 512));
    assertThatThrownBy(() -> QdrantSettings.denseVectors(List.of("vec_en")))
        .hasMessageContaining("field:dimension");
  }
}
