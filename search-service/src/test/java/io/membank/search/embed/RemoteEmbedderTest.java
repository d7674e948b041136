package io.membank.search.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.membank.search.index.SearchConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The remote provider's settings are checked before the first call (each missing or wrong key named
 * in one message), its field is named after model and dimension, and an {@link Embedder} lets no
 * wrong answer through: wrong length or count is a {@code dimension} failure, a 5xx or timeout is
 * retryable, a rejected key is not.
 */
class RemoteEmbedderTest {

  record Remote(
      Optional<String> baseUrl,
      Optional<String> model,
      OptionalInt dimension,
      Optional<String> apiKey,
      int batchSize,
      Duration timeout)
      implements SearchConfig.Remote {

    static Remote valid() {
      return new Remote(
          Optional.of("https://embeddings.example/v1/"),
          Optional.of("text-embedding-3-small"),
          OptionalInt.of(512),
          Optional.empty(),
          64,
          Duration.ofSeconds(10));
    }

    @Override
    public boolean requestDimensions() {
      return false;
    }

    @Override
    public Duration queryTimeout() {
      return Duration.ofSeconds(1);
    }

    @Override
    public Optional<String> queryPrefix() {
      return Optional.empty();
    }

    @Override
    public double minSimilarity() {
      return 0.5;
    }
  }

  @Test
  void completeSettingsMakeAnEmbedderNamedAfterModelAndDimension() {
    Embedder e = RemoteEmbedder.create(Remote.valid());
    assertThat(e.name()).isEqualTo("text-embedding-3-small");
    assertThat(e.field()).isEqualTo("vec_remote_text_embedding_3_small_512");
    assertThat(e.dimension()).isEqualTo(512);
    assertThat(e.minSimilarity()).isEqualTo(0.5);
    assertThat(RemoteEmbedder.field("BAAI/bge-m3", 1024)).isEqualTo("vec_remote_baai_bge_m3_1024");
  }

  @Test
  void everyMissingOrWrongSettingIsNamed() {
    Remote empty =
        new Remote(
            Optional.empty(),
            Optional.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            0,
            Duration.ZERO);
    assertThatThrownBy(() -> RemoteEmbedder.create(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("membank.search.embeddings.remote.base-url is required")
        .hasMessageContaining("membank.search.embeddings.remote.model is required")
        .hasMessageContaining("membank.search.embeddings.remote.dimension is required")
        .hasMessageContaining("membank.search.embeddings.remote.batch-size must be at least 1")
        .hasMessageContaining("membank.search.embeddings.remote.timeout must be positive");
    Remote wide =
        new Remote(
            Optional.of("ftp://embeddings.example"),
            Optional.of("text-embedding-3-large"),
            OptionalInt.of(3072),
            Optional.of("sk-secret-value"),
            64,
            Duration.ofSeconds(10));
    assertThatThrownBy(() -> RemoteEmbedder.create(wide))
        .hasMessageContaining("base-url must be an http(s) URL")
        .hasMessageContaining("dimension must be 1..1024")
        .hasMessageNotContaining("sk-secret-value");
  }

  static Embedder embedder(Function<List<TextSegment>, List<Embedding>> answer) {
    EmbeddingModel model =
        new EmbeddingModel() {
          @Override
          public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(answer.apply(segments));
          }
        };
    return new Embedder("m", "vec_remote_m_3", 3, "q: ", 0.5, model);
  }

  @Test
  void answersOfTheWrongLengthOrCountAreDimensionFailures() {
    Embedder ok =
        embedder(s -> s.stream().map(t -> Embedding.from(new float[] {1, 0, 0})).toList());
    assertThat(ok.documents(List.of("a", "b"))).hasSize(2);
    assertThat(ok.query("x").field()).isEqualTo("vec_remote_m_3");
    assertThat(ok.query("x").model()).isEqualTo("m");

    Embedder tooShort =
        embedder(s -> s.stream().map(t -> Embedding.from(new float[] {1, 0})).toList());
    assertThatThrownBy(() -> tooShort.documents(List.of("a")))
        .isInstanceOfSatisfying(
            EmbeddingFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(EmbeddingFailure.Kind.DIMENSION);
              assertThat(f.retryable()).isFalse();
            })
        .hasMessageContaining("2 dimensions, configured 3");
    Embedder oneShort = embedder(s -> List.of(Embedding.from(new float[] {1, 0, 0})));
    assertThatThrownBy(() -> oneShort.documents(List.of("a", "b")))
        .isInstanceOf(EmbeddingFailure.class)
        .hasMessageContaining("returned 1 vectors for 2 texts");
  }

  @Test
  void outagesAreRetryableAndRejectionsAreNot() {
    Embedder down =
        embedder(
            s -> {
              throw new InternalServerException("503 upstream");
            });
    Embedder slow =
        embedder(
            s -> {
              throw new TimeoutException("read timed out");
            });
    Embedder refused =
        embedder(
            s -> {
              throw new AuthenticationException("401 bad key");
            });
    assertThatThrownBy(() -> down.documents(List.of("a")))
        .isInstanceOfSatisfying(EmbeddingFailure.class, f -> assertThat(f.retryable()).isTrue());
    assertThatThrownBy(() -> slow.query("a"))
        .isInstanceOfSatisfying(EmbeddingFailure.class, f -> assertThat(f.retryable()).isTrue());
    assertThatThrownBy(() -> refused.documents(List.of("a")))
        .isInstanceOfSatisfying(
            EmbeddingFailure.class,
            f -> assertThat(f.kind()).isEqualTo(EmbeddingFailure.Kind.REJECTED));
  }
}
