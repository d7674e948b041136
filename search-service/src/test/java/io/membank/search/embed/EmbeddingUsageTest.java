package io.membank.search.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class EmbeddingUsageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An emitter that keeps what it is given and acknowledges or refuses it. */
  static final class Recording implements Emitter<Record<String, String>> {
    final List<Record<String, String>> sent = new ArrayList<>();
    boolean refuse;

    @Override
    public CompletionStage<Void> send(Record<String, String> record) {
      if (refuse) {
        return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
      }
      sent.add(record);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public <M extends Message<? extends Record<String, String>>> void send(M msg) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void complete() {}

    @Override
    public void error(Exception e) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean hasRequests() {
      return true;
    }
  }

  private final Recording emitter = new Recording();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EmbeddingUsage usage = new EmbeddingUsage(emitter, registry);

  @Test
  void textsAreSummedPerTenantAndModelIntoOneRecordPerInterval() throws Exception {
    usage.record("t1", "onnx", "bge-small-en-v1.5-q", List.of("I love green tea"), 4);
    usage.record("t1", "onnx", "bge-small-en-v1.5-q", List.of("abcd", "abcde"), 6);
    usage.record("t2", "onnx", "bge-small-zh-v1.5-q", List.of("我喜欢绿茶"), 3);

    usage.flush();

    assertThat(emitter.sent).hasSize(2);
    JsonNode t1 = data("t1");
    assertThat(t1.path("operation").asText()).isEqualTo("embed");
    assertThat(t1.path("service").asText()).isEqualTo("search-service");
    assertThat(t1.path("provider").asText()).isEqualTo("onnx");
    assertThat(t1.path("texts").asLong()).isEqualTo(3);
    assertThat(t1.path("tokens_in").asLong()).isEqualTo(4 + 1 + 2);
    assertThat(t1.path("latency_ms").asLong()).isEqualTo(10);
    assertThat(data("t2").path("tokens_in").asLong()).isEqualTo(5);

    usage.flush();
    assertThat(emitter.sent).as("nothing new, nothing sent").hasSize(2);
  }

  @Test
  void aRefusedReportIsKeptAndSentWithTheNextOne() throws Exception {
    emitter.refuse = true;
    usage.record("t1", "openai", "text-embedding-3-small", List.of("one"), 1);
    usage.flush();
    assertThat(emitter.sent).isEmpty();
    assertThat(registry.counter(EmbeddingUsage.UNSENT).count()).isEqualTo(1);

    emitter.refuse = false;
    usage.record("t1", "openai", "text-embedding-3-small", List.of("two"), 1);
    usage.flush();

    assertThat(emitter.sent).hasSize(1);
    assertThat(data("t1").path("texts").asLong()).isEqualTo(2);
  }

  @Test
  void tokensAreEstimatedPerCharacterForCjkAndPerFourCharactersOtherwise() {
    assertThat(TokenEstimate.of(null)).isZero();
    assertThat(TokenEstimate.of("abcd")).isEqualTo(1);
    assertThat(TokenEstimate.of("abcde")).isEqualTo(2);
    assertThat(TokenEstimate.of("我喜欢绿茶")).isEqualTo(5);
    assertThat(TokenEstimate.of("我 tea")).isEqualTo(1 + 1);
  }

  private JsonNode data(String tenant) throws Exception {
    for (Record<String, String> r : emitter.sent) {
      if (r.key().equals(tenant)) {
        JsonNode event = JSON.readTree(r.value());
        assertThat(event.path("type").asText()).isEqualTo("membank.llm.usage.recorded.v1");
        assertThat(event.path("tenantid").asText()).isEqualTo(tenant);
        return event.path("data");
      }
    }
    throw new AssertionError("no record for " + tenant + " in " + emitter.sent);
  }
}
