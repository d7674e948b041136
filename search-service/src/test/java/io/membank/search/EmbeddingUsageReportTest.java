package io.membank.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import io.membank.search.embed.EmbeddingUsage;
import io.membank.search.embed.TokenEstimate;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Embedding work reaches llm.usage (operation embed) for cost-service, on real Kafka. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class EmbeddingUsageReportTest {

  @Inject EmbeddingUsage usage;

  @Test
  void anIndexedMemoryIsReportedAsEmbedUsageOfItsTenant() throws Exception {
    String tenant = "embed-" + UUID.randomUUID().toString().substring(0, 8);
    String user = SearchTest.user();
    String content = "I climb in Yosemite every spring";
    SearchTest.publish(
        SearchTest.event(
            tenant,
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            content,
            "preference",
            0.5,
            SearchTest.T0));
    String reader = TestTokens.token(tenant, "app-1", "reader");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !SearchTest.search(
                        reader, Map.of("user_id", user, "query", "climb", "mode", "keyword"))
                    .getList("memories")
                    .isEmpty());

    usage.flush();

    JsonNode record =
        KafkaTestClient.awaitRecord(
            Topics.LLM_USAGE,
            n ->
                tenant.equals(n.path("tenantid").asText())
                    && "embed".equals(n.path("data").path("operation").asText()));
    JsonNode data = record.path("data");
    assertThat(data.path("service").asText()).isEqualTo("search-service");
    assertThat(data.path("provider").asText()).isEqualTo("onnx");
    assertThat(data.path("model").asText()).isEqualTo("bge-small-en-v1.5-q");
    assertThat(data.path("texts").asLong()).isEqualTo(1);
    assertThat(data.path("tokens_in").asLong()).isEqualTo(TokenEstimate.of(content));
  }
}
