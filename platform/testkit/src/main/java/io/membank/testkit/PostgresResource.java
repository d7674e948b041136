package io.membank.testkit;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * A fresh PostgreSQL database {@code t_<service>_<random8>} on the devstack for every start of this
 * resource, dropped again on stop. Init arg {@code service} (or {@link WithPostgres#service})
 * prefixes the name so leftovers are attributable.
 */
public class PostgresResource
    implements QuarkusTestResourceConfigurableLifecycleManager<WithPostgres> {
  /** Superuser of the devstack cluster; authentication is {@code trust} on loopback. */
  public static final String USER = "postgres";

  /** Ignored by the trust authentication, but some clients insist on a non-empty value. */
  public static final String PASSWORD = "postgres";

  private String service = "test";
  private boolean jdbc = true;
  private boolean reactive = true;
  private String database;
  private int port;

  @Override
  public void init(Map<String, String> initArgs) {
    service = initArgs.getOrDefault("service", service);
    jdbc = Boolean.parseBoolean(initArgs.getOrDefault("jdbc", "true"));
    reactive = Boolean.parseBoolean(initArgs.getOrDefault("reactive", "true"));
  }

  @Override
  public void init(WithPostgres annotation) {
    service = annotation.service();
    jdbc = annotation.jdbc();
    reactive = annotation.reactive();
  }

  @Override
  public Map<String, String> start() {
    port = DevStackProcess.ensureStarted().postgresPort();
    database = createDatabase(port, service);
    Map<String, String> config = new HashMap<>();
    if (jdbc) {
      config.put("quarkus.datasource.jdbc.url", jdbcUrl(port, database));
    }
    if (reactive) {
      config.put(
          "quarkus.datasource.reactive.url",
          "postgresql://" + DevStackProcess.HOST + ":" + port + "/" + database);
    }
    config.put("quarkus.datasource.username", USER);
    config.put("quarkus.datasource.password", PASSWORD);
    // The URL is set, but keep Dev Services (Testcontainers) out of it regardless.
    config.put("quarkus.datasource.devservices.enabled", "false");
    return config;
  }

  @Override
  public void stop() {
    if (database != null) {
      dropDatabase(port, database);
      database = null;
    }
  }

  /** The database created by the last {@link #start()}, or null when stopped. */
  public String database() {
    return database;
  }

  /** Creates {@code t_<service>_<random8>} and returns its name. */
  static String createDatabase(int port, String service) {
    String name = "t_" + Names.identifier(service) + "_" + Names.random8();
    execute(port, "CREATE DATABASE " + name + " OWNER " + USER);
    return name;
  }

  static void dropDatabase(int port, String name) {
    // FORCE: a pool that outlived the application must not keep the database alive.
    execute(port, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** A JDBC URL for {@code database} on the devstack, for tests that want to look inside. */
  public static String jdbcUrl(int port, String database) {
    return "jdbc:postgresql://" + DevStackProcess.HOST + ":" + port + "/" + database;
  }

  /**
   * Opens a connection as the superuser. The driver is called directly, not via DriverManager:
   * under {@code @QuarkusTest} this class lives in a Quarkus class loader, and DriverManager
   * refuses drivers registered from a loader the caller cannot see.
   */
  public static Connection connect(int port, String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", PASSWORD);
    return new Driver().connect(jdbcUrl(port, database), props);
  }

  private static void execute(int port, String sql) {
    try (Connection c = connect(port, "postgres");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on port " + port + " refused: " + sql, e);
    }
  }
}
