package io.membank.audit.chain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.audit.config.AuditConfig;
import io.membank.audit.intake.AuditEventParser;
import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Events;
import io.membank.audit.support.Receivers;
import io.membank.testkit.DevStackProcess;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Tampering with the stored trail, the way only a database superuser can (triggers switched off),
 * is found by {@code verify}, which names the record; the service's own connection cannot change or
 * remove records at all; concurrent appends form one chain.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
class ChainTamperTest {

  @Inject AuditLog log;
  @Inject Checkpoints checkpoints;
  @Inject DataSource serviceConnection;
  @Inject AuditConfig config;

  @ConfigProperty(name = AuditDatabase.DATABASE)
  String database;

  @ConfigProperty(name = AuditDatabase.OWNER)
  String owner;

  final int port = DevStackProcess.ensureStarted().postgresPort();

  List<ChainRecord> append(String tenant, int n) {
    AuditEventParser parser = new AuditEventParser(config.intake());
    List<AuditEntry> entries =
        IntStream.rangeClosed(1, n)
            .mapToObj(
                i -> parser.parse(Events.event(tenant).resource("memory", "m-" + i, null).json()))
            .toList();
    List<ChainRecord> written = log.append(entries);
    assertThat(written).hasSize(n);
    return written;
  }

  static JsonPath verify(String tenant) {
    return given()
        .auth()
        .oauth2(TestTokens.token(tenant, "auditor-1", "auditor"))
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Runs statements as the superuser, with the append-only triggers off, in one transaction. */
  void tamper(String... statements) throws SQLException {
    try (Connection c = PostgresResource.connect(port, database)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("alter table audit_record disable trigger user");
        for (String sql : statements) {
          s.execute(sql);
        }
        s.execute("alter table audit_record enable always trigger audit_record_append_only");
        s.execute("alter table audit_record enable always trigger audit_record_no_truncate");
      }
      c.commit();
    }
  }

  @Test
  void anUntouchedChainVerifies() {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 20);

    JsonPath v = verify(tenant);

    assertThat(v.getBoolean("ok")).isTrue();
    assertThat(v.getLong("records_checked")).isEqualTo(20);
    assertThat(v.getLong("head_seq")).isEqualTo(20);
    assertThat(v.getString("head_hash")).isEqualTo(written.get(19).hash());
    assertThat(v.getString("first_break")).isNull();
    // The verification was itself recorded, and chained on.
    assertThat(verify(tenant).getLong("head_seq")).isEqualTo(21);
  }

  @Test
  void aChangedColumnIsNamed() throws SQLException {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 10);
    tamper(
        "update audit_record set actor_id = 'someone-else' where tenant_id = '"
            + tenant
            + "' and seq = 4");

    JsonPath v = verify(tenant);

    assertThat(v.getBoolean("ok")).isFalse();
    assertThat(v.getLong("first_break.seq")).isEqualTo(4);
    assertThat(v.getString("first_break.event_id")).isEqualTo(written.get(3).entry().eventId());
    assertThat(v.getString("first_break.reason")).isEqualTo("content_mismatch");
    assertThat(v.getString("first_break.detail")).contains("actor_id");
    assertThat(v.getLong("records_checked")).isEqualTo(3);
  }

  @Test
  void aChangedBodyIsNamed() throws SQLException {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 10);
    tamper(
        "update audit_record set body = replace(body, '\"m-6\"', '\"m-x\"'), resource_id = 'm-x'"
            + " where tenant_id = '"
            + tenant
            + "' and seq = 6");

    JsonPath v = verify(tenant);

    assertThat(v.getLong("first_break.seq")).isEqualTo(6);
    assertThat(v.getString("first_break.event_id")).isEqualTo(written.get(5).entry().eventId());
    assertThat(v.getString("first_break.reason")).isEqualTo("hash_mismatch");
  }

  @Test
  void aRecordRewrittenWithAFreshHashBreaksTheNextLink() throws SQLException {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 6);
    ChainRecord third = written.get(2);
    // Change a field that has no column (and is not sealed), so the row itself stays consistent.
    String body =
        third
            .body()
            .replace("0af7651916cd43dd8448eb211c80319c", "0af7651916cd43dd8448eb211c803199");
    assertThat(body).isNotEqualTo(third.body());
    String hash = ChainHash.link(third.prevHash(), body);
    tamper(rewrite(tenant, 3, body, hash, third.prevHash()));

    JsonPath v = verify(tenant);

    assertThat(v.getLong("first_break.seq")).isEqualTo(4);
    assertThat(v.getString("first_break.reason")).isEqualTo("link_mismatch");
    assertThat(v.getString("first_break.detail")).contains(hash);
  }

  @Test
  void aDeletedRecordIsCaught() throws SQLException {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 8);
    tamper("delete from audit_record where tenant_id = '" + tenant + "' and seq = 5");

    JsonPath v = verify(tenant);

    assertThat(v.getBoolean("ok")).isFalse();
    assertThat(v.getLong("first_break.seq")).isEqualTo(5);
    assertThat(v.getString("first_break.reason")).isEqualTo("record_missing");
    assertThat(v.getString("first_break.detail")).contains(written.get(5).entry().eventId());
  }

  @Test
  void aCutTailIsCaughtByTheLastCheckpoint() throws SQLException {
    String tenant = Events.tenant();
    append(tenant, 10);
    assertThat(checkpoints.sign(tenant)).map(Checkpoints.Checkpoint::seq).contains(10L);
    JsonPath intact = verify(tenant);
    assertThat(intact.getBoolean("ok")).isTrue();
    assertThat(intact.getLong("last_checkpoint.seq")).isGreaterThanOrEqualTo(10);

    tamper("delete from audit_record where tenant_id = '" + tenant + "' and seq >= 8");

    JsonPath v = verify(tenant);
    assertThat(v.getBoolean("ok")).isFalse();
    assertThat(v.getString("first_break.reason")).isEqualTo("tail_truncated");
    assertThat(v.getLong("first_break.seq")).isEqualTo(8);
    assertThat(v.getLong("head_seq")).isEqualTo(7);
  }

  @Test
  void aRewrittenAndRehashedSuffixIsCaughtByTheCheckpoint() throws SQLException {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 6);
    checkpoints.sign(tenant);
    // Rewrite records 4..6 consistently: every link holds, only the signed head differs.
    List<String> statements = new ArrayList<>();
    String prev = written.get(2).hash();
    for (ChainRecord r : written.subList(3, 6)) {
      String body = r.body().replace("\"reader\"", "\"writer\"");
      String hash = ChainHash.link(prev, body);
      statements.add(rewrite(tenant, r.seq(), body, hash, prev));
      prev = hash;
    }
    tamper(statements.toArray(String[]::new));

    JsonPath v = verify(tenant);

    assertThat(v.getLong("first_break.seq")).isEqualTo(6);
    assertThat(v.getString("first_break.reason")).isEqualTo("checkpoint_mismatch");
  }

  @Test
  void aForgedCheckpointIsCaught() throws SQLException {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 3);
    try (Connection c = PostgresResource.connect(port, database);
        PreparedStatement s =
            c.prepareStatement("insert into chain_checkpoint values (?, 3, ?, now(), 'k1', ?)")) {
      s.setString(1, tenant);
      s.setString(2, written.get(2).hash());
      s.setString(3, "0".repeat(64));
      s.execute();
    }

    JsonPath v = verify(tenant);

    assertThat(v.getString("first_break.reason")).isEqualTo("checkpoint_invalid");
    assertThat(v.getLong("first_break.seq")).isEqualTo(3);
  }

  @Test
  void theServiceConnectionCannotChangeOrRemoveRecords() throws SQLException {
    String tenant = Events.tenant();
    append(tenant, 2);
    String where = " where tenant_id = '" + tenant + "' and seq = 1";
    List<String> changes =
        List.of(
            "update audit_record set risk = 'low'" + where,
            "delete from audit_record" + where,
            "truncate audit_record",
            "alter table audit_record disable trigger user",
            "update chain_checkpoint set seq = 0",
            "delete from report_content");
    try (Connection c = serviceConnection.getConnection()) {
      for (String sql : changes) {
        assertThatThrownBy(() -> execute(c, sql))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
      }
    }
    // The owner (who ran the migration) has given up UPDATE and DELETE too ...
    try (Connection c = AuditDatabase.connectAs(port, database, owner)) {
      assertThatThrownBy(() -> execute(c, "update audit_record set risk = 'low'" + where))
          .hasMessageContaining("permission denied");
    }
    // ... and even a superuser, who bypasses grants, meets the trigger.
    try (Connection c = PostgresResource.connect(port, database)) {
      assertThatThrownBy(() -> execute(c, "delete from audit_record" + where))
          .hasMessageContaining("audit_record is append-only: DELETE refused");
      assertThatThrownBy(() -> execute(c, "update audit_record set risk = 'low'" + where))
          .hasMessageContaining("append-only");
    }
    assertThat(verify(tenant).getBoolean("ok")).isTrue();
  }

  @Test
  void concurrentAppendsToOneTenantFormOneChain() throws Exception {
    String tenant = Events.tenant();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<ChainRecord>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> append(tenant, 25)));
      }
      for (Future<List<ChainRecord>> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    try (Connection c = PostgresResource.connect(port, database);
        PreparedStatement s =
            c.prepareStatement(
                "select count(*), min(seq), max(seq), count(distinct seq) from audit_record"
                    + " where tenant_id = ?")) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertThat(List.of(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)))
            .containsExactly(200L, 1L, 200L, 200L);
      }
    }
    JsonPath v = verify(tenant);
    assertThat(v.getBoolean("ok")).isTrue();
    assertThat(v.getLong("records_checked")).isEqualTo(200);
  }

  @Test
  void headsThatMovedAreSignedOnSchedule() {
    String tenant = Events.tenant();
    List<ChainRecord> written = append(tenant, 3);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> checkpoints.latest(tenant).isPresent());
    Checkpoints.Checkpoint cp = checkpoints.latest(tenant).orElseThrow();
    assertThat(cp.seq()).isEqualTo(3);
    assertThat(cp.headHash()).isEqualTo(written.get(2).hash());
    assertThat(checkpoints.authentic(cp)).isTrue();
    assertThat(
            checkpoints.authentic(
                new Checkpoints.Checkpoint(
                    tenant, 3, written.get(1).hash(), cp.signedAt(), cp.keyId(), cp.signature())))
        .isFalse();
  }

  private static String rewrite(String tenant, long seq, String body, String hash, String prev) {
    return "update audit_record set body = '"
        + body.replace("'", "''")
        + "', hash = '"
        + hash
        + "', prev_hash = '"
        + prev
        + "' where tenant_id = '"
        + tenant
        + "' and seq = "
        + seq;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
