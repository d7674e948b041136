package io.membank.memory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.membank.memory.MemoryApiTest.TENANT;
import static io.membank.memory.MemoryApiTest.WRITER;
import static io.membank.memory.MemoryApiTest.add;
import static io.membank.memory.MemoryApiTest.awaitJob;
import static io.membank.memory.MemoryApiTest.newUser;
import static io.membank.memory.SimilarMemoriesTest.PATH;
import static io.membank.memory.SimilarMemoriesTest.jobView;
import static io.membank.memory.SimilarMemoriesTest.onlyAdded;
import static io.membank.memory.SimilarMemoriesTest.searchAnswers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.membank.memory.metrics.BusinessMetrics;
import io.membank.memory.similar.SimilarMemories;
import io.membank.memory.similar.SimilarMemories.Source;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The similar-memories circuit breaker tells "busy" from "down" (issue 24): opened by timeouts, it
 * makes jobs wait (without a thread spent on each try) and they find the old fact once
 * search-service answers again; opened by errors, it falls back at once, as before.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(
    value = SearchStandIn.class,
    initArgs = {
      @ResourceArg(name = SearchStandIn.BREAKER_THRESHOLD, value = "4"),
      @ResourceArg(name = SearchStandIn.SATURATION_WAIT, value = "10m")
    })
class SimilarBreakerTest {

  @Inject SimilarMemories similar;
  @Inject MeterRegistry registry;

  @Test
  void timeoutsOpenTheBreakerAndJobsWaitErrorsOpenItAndLookupsFallBack() {
    SearchStandIn.server.resetAll();
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"results\":[]}")));
    String user = newUser();
    String dog = onlyAdded(awaitJob(WRITER, add(WRITER, user, "My dog is called Rex.")));
    onlyAdded(awaitJob(WRITER, add(WRITER, user, "I work at Acme.")));
    // On a loaded machine even those lookups can time out and open the breaker: start closed.
    untilSearchAnswers(user);

    // search-service stalls past the 2 s timeout: timeouts open the breaker (half of a window of 4
    // calls failed), and the open breaker still says "busy", not "unavailable".
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withFixedDelay(3_000).withStatus(200)));
    int timeouts = 0;
    Throwable thrown;
    do {
      thrown = catchThrowable(() -> similar.find(TENANT, user, List.of("tea")));
      if (thrown instanceof TimeoutException) {
        timeouts++;
      }
    } while (thrown instanceof TimeoutException && timeouts < 6);
    assertThat(thrown).isInstanceOf(CircuitBreakerOpenException.class);
    assertThat(timeouts).isPositive();
    int stalledCalls = SearchStandIn.server.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    assertThatThrownBy(() -> similar.find(TENANT, user, List.of("tea")))
        .isInstanceOf(CircuitBreakerOpenException.class);
    assertThat(SearchStandIn.server.findAll(postRequestedFor(urlEqualTo(PATH))))
        .as("the open breaker answered without calling")
        .hasSize(stalledCalls);

    // A job arriving now waits (re-queued, saying why) instead of deciding without the lookup.
    double waitsBefore = breakerOpenWaits() + timeoutWaits();
    String job = add(WRITER, user, "my dog is called rex");
    JsonPath waiting =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> jobView(job),
                j -> j.getString("error") != null && j.getString("error").startsWith("waiting: "));
    assertThat(waiting.getString("status")).isNotIn("completed", "failed");
    assertThat(breakerOpenWaits() + timeoutWaits()).isGreaterThan(waitsBefore);

    // search-service answers again: after the breaker's delay (5 s here) a trial call closes it,
    // and the job finds the old fact through search-service.
    searchAnswers(dog);
    JsonPath done = awaitJob(WRITER, job);
    assertThat(done.getString("status")).isEqualTo("completed");
    assertThat(done.getString("result.comparison.similar_source")).isEqualTo("search-service");
    assertThat(done.getList("result.decisions.event")).containsExactly("NOOP");

    // search-service fails fast (down, erroring): the breaker opens on errors and every lookup,
    // the short-circuited ones included, falls back at once.
    SearchStandIn.server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
    int before = SearchStandIn.server.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    for (int i = 0; i < 8; i++) {
      assertThat(similar.find(TENANT, user, List.of("tea")).source()).isEqualTo(Source.UNAVAILABLE);
    }
    assertThat(SearchStandIn.server.findAll(postRequestedFor(urlEqualTo(PATH))).size() - before)
        .as("the breaker opened: not every lookup reached search-service")
        .isLessThan(8);

    // Leave the breaker closed.
    untilSearchAnswers(user);
  }

  /**
   * Until four lookups in a row are answered by search-service, answering []: the breaker's whole
   * window is successes, so it is closed and stays closed.
   */
  private void untilSearchAnswers(String user) {
    SearchStandIn.server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"results\":[]}")));
    AtomicInteger inARow = new AtomicInteger();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              try {
                boolean answered =
                    similar.find(TENANT, user, List.of("tea")).source() == Source.SEARCH_SERVICE;
                if (answered) {
                  return inARow.incrementAndGet() >= 4;
                }
                inARow.set(0);
                return false;
              } catch (RuntimeException busy) {
                inARow.set(0);
                return false;
              }
            });
  }

  private double breakerOpenWaits() {
    return registry
        .counter(BusinessMetrics.SIMILAR_WAITS, "reason", BusinessMetrics.WAIT_BREAKER_OPEN)
        .count();
  }

  private double timeoutWaits() {
    return registry
        .counter(BusinessMetrics.SIMILAR_WAITS, "reason", BusinessMetrics.WAIT_TIMEOUT)
        .count();
  }
}
