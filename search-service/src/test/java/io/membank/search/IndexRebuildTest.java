package io.membank.search;

import static io.membank.search.SearchTest.T0;
import static io.membank.search.SearchTest.TENANT;
import static io.membank.search.SearchTest.event;
import static io.membank.search.SearchTest.idsFor;
import static io.membank.search.SearchTest.publish;
import static io.membank.search.SearchTest.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.MemoryEvent;
import io.membank.search.index.SearchConfig;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The rebuild replays memory.events into a fresh index and swaps it in with progress to watch;
 * searches answer throughout and the live consumer carries on after the swap.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class IndexRebuildTest {

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Inject SearchConfig config;

  /** Scheme, host and port of the management interface (its injected URL ends in /q/). */
  String root() {
    return management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
  }

  JsonPath status() {
    return given()
        .baseUri(root())
        .get("/admin/reindex")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void rebuildReplaysTheTopicAndSwapsTheIndexIn() throws Exception {
    String user = user();
    String kept = UUID.randomUUID().toString();
    String gone = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            kept,
            1,
            MemoryEvent.Operation.CREATED,
            "I play the cello",
            "preference",
            0.5,
            T0));
    publish(
        event(
            TENANT,
            user,
            gone,
            1,
            MemoryEvent.Operation.CREATED,
            "I play the oboe",
            "preference",
            0.5,
            T0));
    publish(event(TENANT, user, gone, 2, MemoryEvent.Operation.DELETED, null, null, 0.5, T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> idsFor(user, "cello").contains(kept) && idsFor(user, "oboe").isEmpty());

    given().baseUri(root()).post("/admin/reindex").then().statusCode(202);
    JsonPath done =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(this::status, s -> !"running".equals(s.getString("state")));

    assertThat(done.getString("state")).isEqualTo("completed");
    assertThat(done.getDouble("progress")).isEqualTo(1.0);
    assertThat(done.getLong("events_read")).isGreaterThanOrEqualTo(3);
    assertThat(done.getLong("events_read")).isEqualTo(done.getLong("events_total"));
    assertThat(done.getString("finished_at")).isNotBlank();
    // The rebuilt index answers the same, delete included; the old one is kept beside it.
    assertThat(idsFor(user, "cello")).containsExactly(kept);
    assertThat(idsFor(user, "oboe")).isEmpty();
    assertThat(
            Files.isDirectory(
                config.indexDir().resolveSibling(config.indexDir().getFileName() + ".previous")))
        .isTrue();
    // The live consumer goes on into the new index.
    String later = UUID.randomUUID().toString();
    publish(
        event(
            TENANT,
            user,
            later,
            1,
            MemoryEvent.Operation.CREATED,
            "I play the harp",
            "preference",
            0.5,
            T0));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> idsFor(user, "harp").contains(later));
  }
}
