package io.membank.cost.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.Topics;
import io.membank.cost.CostTestSupport;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
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
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The internal export page governance-service reads for usage: the ledger rows keyed to the
 * subject, across pages; another subject and the same id in another tenant absent; only service
 * credentials.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class SubjectUsageExportResourceTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void pages_hold_the_subjects_usage_and_nothing_else() throws Exception {
    String tenant = CostTestSupport.newTenant();
    String other = tenant + "-b";
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
    List<String> annas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      annas.add(usage(tenant, at, "anna"));
    }
    usage(tenant, at, "ben");
    usage(other, at, "anna");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rows(tenant) == 4 && rows(other) == 1);
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
              .get("/internal/v1/subjects/anna/export/usage")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page.getLong("total")).isEqualTo(3);
      ids.addAll(page.getList("items.event_id"));
      assertThat(page.getList("items.tenant_id")).containsOnly(tenant);
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(2);
    assertThat(ids).containsExactlyInAnyOrderElementsOf(annas);

    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "admin-1", "admin"))
        .get("/internal/v1/subjects/anna/export/usage")
        .then()
        .statusCode(403);
  }

  private static String usage(String tenant, OffsetDateTime at, String user) {
    String id = UUID.randomUUID().toString();
    KafkaTestClient.send(
        Topics.LLM_USAGE,
        tenant,
        CostTestSupport.usage(
            id, tenant, at, "openai", "gpt-4o-mini", "extract", 1000, 100, user, null));
    return id;
  }

  private long rows(String tenant) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from usage_event where tenant_id = ?")) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
