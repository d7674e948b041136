package io.membank.diagnostics.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.membank.testkit.PostgresResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * pg_stat_activity on the devstack's real PostgreSQL: sessions opened on a fresh database are
 * counted by state, a lock held by one session and waited for by another shows, and so does the age
 * of the holder's transaction.
 */
class PostgresActivityTest {

  static final PostgresResource PG = new PostgresResource();
  static String url;
  static PGSimpleDataSource dataSource;

  final List<Connection> opened = new ArrayList<>();

  @BeforeAll
  static void start() {
    url = PG.start().get("quarkus.datasource.jdbc.url");
    dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    dataSource.setUser(PostgresResource.USER);
    dataSource.setPassword(PostgresResource.PASSWORD);
  }

  @AfterAll
  static void stop() {
    PG.stop();
  }

  @AfterEach
  void close() throws SQLException {
    for (Connection c : opened) {
      c.close();
    }
  }

  @Test
  void sessionsOfAServiceDatabaseByStateWithLockWaitsAndTheOldestTransaction() throws Exception {
    PostgresActivity activity =
        new PostgresActivity(
            dataSource,
            Map.of("memory-service", PG.database(), "cost-service", "no_such_database"));
    try (Connection setup = dataSource.getConnection();
        Statement s = setup.createStatement()) {
      s.execute("create table held (id int)");
    }
    for (int i = 0; i < 3; i++) {
      open().createStatement().execute("select 1");
    }
    Connection holder = open();
    holder.setAutoCommit(false);
    holder.createStatement().execute("lock table held in access exclusive mode");
    Connection waiter = open();
    CompletableFuture<Void> blocked =
        CompletableFuture.runAsync(
            () -> {
              try (Statement s = waiter.createStatement()) {
                s.execute("select count(*) from held");
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                value(activity.collect(Instant.now()), "memory-service", Metric.PG_LOCK_WAITS)
                    == 1);
    Thread.sleep(1100); // the holder's transaction is now more than a second old
    List<Signal> signals = activity.collect(Instant.now());

    assertThat(value(signals, "memory-service", Metric.PG_LOCK_WAITS)).isEqualTo(1);
    assertThat(value(signals, "memory-service", Metric.PG_IDLE_CONNECTIONS)).isEqualTo(3);
    assertThat(value(signals, "memory-service", Metric.PG_ACTIVE_CONNECTIONS)).isEqualTo(1);
    assertThat(value(signals, "memory-service", Metric.PG_OLDEST_TRANSACTION_SECONDS))
        .isGreaterThanOrEqualTo(1.0);
    double ratio = value(signals, PostgresActivity.SERVER, Metric.PG_CONNECTIONS_RATIO);
    double share = value(signals, "memory-service", Metric.PG_DATABASE_CONNECTIONS_SHARE);
    // 3 idle + holder + waiter on the database, out of what the server accepts
    assertThat(share).isGreaterThan(0).isLessThanOrEqualTo(ratio);
    assertThat(5 / share)
        .isCloseTo(acceptedConnections(), org.assertj.core.data.Offset.offset(0.01));
    // a database nobody uses reads as zeros, not as a gap
    assertThat(value(signals, "cost-service", Metric.PG_DATABASE_CONNECTIONS_SHARE)).isZero();
    assertThat(value(signals, "cost-service", Metric.PG_LOCK_WAITS)).isZero();

    holder.rollback();
    blocked.get();
    assertThat(value(activity.collect(Instant.now()), "memory-service", Metric.PG_LOCK_WAITS))
        .isZero();
  }

  private Connection open() throws SQLException {
    Connection c = dataSource.getConnection();
    opened.add(c);
    return c;
  }

  private static double acceptedConnections() throws SQLException {
    try (Connection c = dataSource.getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select current_setting('max_connections')::int"
                        + " - current_setting('superuser_reserved_connections')::int")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static double value(List<Signal> signals, String component, Metric metric) {
    return signals.stream()
        .filter(s -> s.component().equals(component) && s.metric() == metric)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " for " + component))
        .value();
  }
}
