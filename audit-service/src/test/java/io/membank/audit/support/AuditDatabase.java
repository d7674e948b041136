package io.membank.audit.support;

import io.membank.testkit.DevStackProcess;
import io.membank.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * A fresh database on the devstack set up the way production should run audit-service: an owner
 * role that runs Flyway (and owns every table) and a separate runtime role for the service's own
 * connection, which the migration grants only what it needs. Dropped (roles too) on stop.
 */
public class AuditDatabase implements QuarkusTestResourceLifecycleManager {

  /** Config key with the database name, for tests that look inside as superuser. */
  public static final String DATABASE = "membank.test.audit-database";

  /** Config key with the owner role (the one Flyway uses). */
  public static final String OWNER = "membank.test.audit-owner";

  private int port;
  private String name;

  @Override
  public Map<String, String> start() {
    port = DevStackProcess.ensureStarted().postgresPort();
    name = "t_audit_" + random8();
    String owner = name + "_owner";
    String app = name + "_app";
    execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + owner + "'");
    execute("CREATE ROLE " + app + " LOGIN PASSWORD '" + app + "'");
    execute("CREATE DATABASE " + name + " OWNER " + owner);
    return Map.of(
        "quarkus.datasource.jdbc.url",
        PostgresResource.jdbcUrl(port, name),
        "quarkus.datasource.username",
        app,
        "quarkus.datasource.password",
        app,
        "quarkus.datasource.devservices.enabled",
        "false",
        "quarkus.flyway.username",
        owner,
        "quarkus.flyway.password",
        owner,
        DATABASE,
        name,
        OWNER,
        owner);
  }

  @Override
  public void stop() {
    if (name != null) {
      execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      execute("DROP ROLE IF EXISTS " + name + "_owner");
      execute("DROP ROLE IF EXISTS " + name + "_app");
      name = null;
    }
  }

  /** Connects to the test database as the given role (authentication is trust on loopback). */
  public static Connection connectAs(int port, String database, String role) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", role);
    props.setProperty("password", role);
    return new Driver().connect(PostgresResource.jdbcUrl(port, database), props);
  }

  private void execute(String sql) {
    try (Connection c = PostgresResource.connect(port, "postgres");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }

  private static String random8() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
