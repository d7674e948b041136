package io.membank.memory.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The internal export page governance-service reads: every memory of the subject with its history,
 * across pages; another subject and the same id in another tenant absent; only service credentials.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class SubjectExportResourceTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void pages_hold_the_subjects_memories_with_history_and_nothing_else() throws Exception {
    String tenant = "ex-" + UUID.randomUUID().toString().substring(0, 8);
    String other = tenant + "-b";
    List<UUID> anna = seed(tenant, "anna", 5);
    seed(tenant, "bob", 2);
    seed(other, "anna", 3);
    String service = TestTokens.service(tenant, "governance-service");

    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = given().auth().oauth2(service).queryParam("limit", 2);
      if (cursor != null) {
        request = request.queryParam("cursor", cursor);
      }
      JsonPath page =
          request
              .get("/internal/v1/subjects/anna/export/memories")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page.getLong("total")).isEqualTo(5);
      List<String> pageIds = page.getList("items.id");
      assertThat(pageIds).hasSizeLessThanOrEqualTo(2);
      ids.addAll(pageIds);
      assertThat(page.getList("items.user_id")).containsOnly("anna");
      assertThat(page.getList("items.tenant_id")).containsOnly(tenant);
      for (int i = 0; i < pageIds.size(); i++) {
        assertThat(page.getList("items[" + i + "].history.version")).containsExactly(1, 2);
        assertThat(page.getList("items[" + i + "].history.content"))
            .containsExactly("likes tea", "likes green tea");
      }
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(ids).containsExactlyInAnyOrderElementsOf(anna.stream().map(UUID::toString).toList());

    // A user's credential (even an admin's) may not call it.
    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "admin-1", "admin"))
        .get("/internal/v1/subjects/anna/export/memories")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(service)
        .queryParam("cursor", "not-a-cursor")
        .get("/internal/v1/subjects/anna/export/memories")
        .then()
        .statusCode(400);
  }

  private List<UUID> seed(String tenant, String user, int memories) throws Exception {
    List<UUID> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (int i = 0; i < memories; i++) {
        UUID memory = UUID.randomUUID();
        ids.add(memory);
        exec(
            c,
            "insert into memories (id, tenant_id, user_id, content, normalized_content, type,"
                + " importance, version, valid_from, created_at, updated_at) values (?, ?, ?,"
                + " 'likes green tea', 'likes green tea', 'preference', 0.5, 2, now(), now(),"
                + " now())",
            memory,
            tenant,
            user);
        exec(
            c,
            "insert into memory_history (memory_id, tenant_id, version, reason, content, actor)"
                + " values (?, ?, 1, 'extracted', 'likes tea', 'test')",
            memory,
            tenant);
        exec(
            c,
            "insert into memory_history (memory_id, tenant_id, version, reason, previous_content,"
                + " content, actor) values (?, ?, 2, 'edited', 'likes tea', 'likes green tea',"
                + " 'test')",
            memory,
            tenant);
      }
    }
    return ids;
  }

  private static void exec(Connection c, String sql, Object... args) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
