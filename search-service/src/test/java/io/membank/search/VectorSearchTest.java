package io.membank.search;

import static io.membank.search.SearchTest.READER;
import static io.membank.search.SearchTest.T0;
import static io.membank.search.SearchTest.TENANT;
import static io.membank.search.SearchTest.event;
import static io.membank.search.SearchTest.publish;
import static io.membank.search.SearchTest.search;
import static io.membank.search.SearchTest.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.MemoryEvent;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * In-process embeddings: meaning without shared words is found (English and Chinese), unrelated
 * queries find nothing, and vectors obey the same tenant, user and filter scoping as text.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class VectorSearchTest {

  static List<String> contents(String user, String query, String mode) {
    return search(READER, Map.of("user_id", user, "query", query, "mode", mode))
        .getList("memories.content");
  }

  static String created(String tenant, String user, String content, String type) throws Exception {
    String id = UUID.randomUUID().toString();
    publish(event(tenant, user, id, 1, MemoryEvent.Operation.CREATED, content, type, 0.5, T0));
    return id;
  }

  @Test
  void meaningWithoutSharedWordsIsFoundByVectorAndHybridNotByKeyword() throws Exception {
    String user = user();
    created(TENANT, user, "My dog is called Rex", "fact");
    created(TENANT, user, "I work at Acme as an engineer", "fact");
    created(TENANT, user, "I go surfing every weekend", "preference");
    // The same words in another tenant and for another user: never an answer here.
    created("globex", user, "My dog is called Bella", "fact");
    created(TENANT, user(), "My dog is called Max", "fact");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, "surfing", "keyword").size() == 1);

    // Keyword: after the question words only "pet" is left, and no memory says it.
    assertThat(contents(user, "What pet do I have?", "keyword")).isEmpty();
    assertThat(contents(user, "What pet do I have?", "vector"))
        .first()
        .isEqualTo("My dog is called Rex");
    assertThat(contents(user, "What pet do I have?", "hybrid"))
        .first()
        .isEqualTo("My dog is called Rex");
    assertThat(contents(user, "What pet do I have?", "vector"))
        .doesNotContain("My dog is called Bella", "My dog is called Max");
    // A nearest neighbour always exists; below the similarity floor it is not an answer.
    assertThat(contents(user, "quantum chromodynamics", "vector")).isEmpty();
    // Filters bind vectors too.
    assertThat(
            search(
                    READER,
                    Map.of(
                        "user_id",
                        user,
                        "query",
                        "What pet do I have?",
                        "mode",
                        "vector",
                        "filters",
                        Map.of("type", List.of("preference"))))
                .getList("memories.content"))
        .doesNotContain("My dog is called Rex");
  }

  @Test
  void chineseMeaningIsFoundWithTheChineseModel() throws Exception {
    String user = user();
    created(TENANT, user, "我的狗叫旺财", "fact");
    created(TENANT, user, "我住在上海", "fact");
    created(TENANT, user, "明天要开产品会议", "event");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> contents(user, "上海", "keyword").size() == 1);

    var answer = search(READER, Map.of("user_id", user, "query", "我有什么宠物", "mode", "vector"));
    assertThat(answer.getList("memories.content")).first().isEqualTo("我的狗叫旺财");
    assertThat(answer.getString("usage.embedding_model")).isEqualTo("bge-small-zh-v1.5-q");
    assertThat(contents(user, "我住在哪里", "hybrid")).first().isEqualTo("我住在上海");
    assertThat(contents(user, "量子色动力学", "vector")).isEmpty();
  }

  @Test
  void anUnknownModeIsAProblem() {
    given()
        .auth()
        .oauth2(READER)
        .contentType("application/json")
        .body(Map.of("user_id", "u-1", "query", "x", "mode", "semantic"))
        .post("/api/v1/memories/search")
        .then()
        .statusCode(400);
  }
}
