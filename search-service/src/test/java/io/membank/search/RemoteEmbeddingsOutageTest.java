package io.membank.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.membank.search.RemoteEmbeddingsTest.contents;
import static io.membank.search.RemoteEmbeddingsTest.created;
import static io.membank.search.RemoteEmbeddingsTest.requestsWith;
import static io.membank.search.SearchTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A remote embeddings server that fails (500) or stalls past the timeout holds the batch back: its
 * memories are neither indexed without vectors nor skipped, the call is retried with back-off, and
 * once the server answers again they become searchable, by vector too. No event is lost.
 */
@QuarkusTest
@TestProfile(RemoteEmbeddingsProfile.class)
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class RemoteEmbeddingsOutageTest {

  @Inject MeterRegistry registry;

  @AfterEach
  void standInAnswersAgain() {
    for (StubMapping stub : EmbeddingsStandIn.server.getStubMappings()) {
      if (stub.getPriority() != null && stub.getPriority() < EmbeddingsStandIn.DEFAULT_PRIORITY) {
        EmbeddingsStandIn.server.removeStub(stub);
      }
    }
  }

  double indexErrors() {
    var counter =
        registry
            .find("search_embedding_errors")
            .tags("stage", "index", "reason", "unavailable")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** While the stand-in answers texts holding {@code marker} so, their batch cannot be embedded. */
  static void breakFor(String marker, ResponseDefinitionBuilder answer) {
    EmbeddingsStandIn.server.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .atPriority(1)
            .withRequestBody(containing(marker))
            .willReturn(answer));
  }

  void heldBackThenRecovered(String marker, ResponseDefinitionBuilder failure) {
    String user = user();
    breakFor(marker, failure);
    double errorsBefore = indexErrors();
    created(user, "I play the " + marker);
    created(user, "My cat sleeps all day"); // published after it: waits behind it

    // The consumer keeps trying…
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> requestsWith(marker).size() >= 3);
    assertThat(indexErrors()).isGreaterThanOrEqualTo(errorsBefore + 2);
    // …and indexes nothing of the batch meanwhile: no memory without its vector.
    assertThat(contents(user, marker, "keyword")).isEmpty();

    standInAnswersAgain();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, marker, "keyword").size() == 1);
    // Both memories are there, each with its vector from the recovered model.
    assertThat(contents(user, "which instrument", "vector"))
        .containsExactly("I play the " + marker);
    assertThat(contents(user, "do I have a pet", "vector"))
        .containsExactly("My cat sleeps all day");
  }

  @Test
  void aServerErrorHoldsTheBatchBackUntilTheModelRecovers() {
    heldBackThenRecovered(
        "xylophone",
        aResponse()
            .withStatus(500)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}"));
  }

  @Test
  void aTimeoutHoldsTheBatchBackUntilTheModelRecovers() {
    // A valid answer, but after the 1 s timeout: the client gives up, the batch waits.
    heldBackThenRecovered(
        "trombone", aResponse().withTransformers("word-vectors").withFixedDelay(2500));
  }
}
