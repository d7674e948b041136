package io.membank.search;

import static io.membank.search.SearchTest.READER;
import static io.membank.search.SearchTest.T0;
import static io.membank.search.SearchTest.TENANT;
import static io.membank.search.SearchTest.event;
import static io.membank.search.SearchTest.publish;
import static io.membank.search.SearchTest.search;
import static io.membank.search.SearchTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.MemoryEvent;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Repeated searches come from Redis until that user's memories change; others stay cached. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class QueryCacheTest {

  @Inject MeterRegistry registry;

  static void remember(String user, String content) throws Exception {
    publish(
        event(
            TENANT,
            user,
            UUID.randomUUID().toString(),
            1,
            MemoryEvent.Operation.CREATED,
            content,
            "preference",
            0.5,
            T0));
  }

  static JsonPath ask(String user, String query) {
    return search(READER, Map.of("user_id", user, "query", query, "mode", "keyword"));
  }

  double hits() {
    return registry.counter("search_cache_requests", "result", "hit").count();
  }

  @Test
  void answersAreCachedUntilTheUsersMemoriesChange() throws Exception {
    String alice = user();
    String bob = user();
    remember(alice, "I like jazz");
    remember(bob, "I like opera");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ask(alice, "jazz").getList("memories").size() == 1
                    && ask(bob, "opera").getList("memories").size() == 1);

    double before = hits();
    JsonPath first = ask(alice, "music I like");
    JsonPath second = ask(alice, "music I like");
    assertThat(second.getBoolean("usage.cached")).isTrue();
    assertThat(second.getList("memories.id")).isEqualTo(first.getList("memories.id"));
    assertThat(hits()).isGreaterThan(before);
    assertThat(ask(bob, "music I like").getBoolean("usage.cached")).isFalse();
    assertThat(ask(bob, "music I like").getBoolean("usage.cached")).isTrue();

    // Alice learns something: her cached answers are gone, Bob's are not.
    remember(alice, "I like the music of Miles Davis");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(ask(alice, "music I like").getList("memories.content"))
                    .contains("I like the music of Miles Davis"));
    assertThat(ask(bob, "music I like").getBoolean("usage.cached")).isTrue();
    // A different request (here the limit) is a different answer.
    assertThat(
            search(
                    READER,
                    Map.of("user_id", bob, "query", "music I like", "mode", "keyword", "limit", 3))
                .getBoolean("usage.cached"))
        .isFalse();
  }
}
