package io.membank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two starts give two distinct, usable databases; stop drops them. Uses the real devstack. */
class PostgresResourceTest {

  @Test
  void eachStartCreatesAFreshDatabaseAndStopDropsIt() throws SQLException {
    PostgresResource first = new PostgresResource();
    first.init(Map.of("service", "testkit"));
    PostgresResource second = new PostgresResource();
    second.init(Map.of("service", "testkit"));

    Map<String, String> c1 = first.start();
    Map<String, String> c2 = second.start();
    try {
      assertNotEquals(first.database(), second.database());
      assertTrue(first.database().matches("t_testkit_[a-z0-9]{8}"), first.database());
      for (Map<String, String> config : new Map[] {c1, c2}) {
        String url = config.get("quarkus.datasource.jdbc.url");
        assertEquals("postgres", config.get("quarkus.datasource.username"));
        assertTrue(config.get("quarkus.datasource.reactive.url").startsWith("postgresql://"));
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = PostgresResource.connect(port(), db);
            Statement s = c.createStatement()) {
          s.execute("CREATE TABLE t (id int primary key)");
          s.execute("INSERT INTO t VALUES (1)");
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "each database starts empty");
          }
        }
      }
      assertTrue(exists(first.database()));
      assertTrue(exists(second.database()));
    } finally {
      String db1 = first.database();
      String db2 = second.database();
      first.stop();
      second.stop();
      assertFalse(exists(db1));
      assertFalse(exists(db2));
    }
  }

  private static int port() {
    return DevStackProcess.ensureStarted().postgresPort();
  }

  private static boolean exists(String database) throws SQLException {
    try (Connection c = PostgresResource.connect(port(), "postgres");
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
