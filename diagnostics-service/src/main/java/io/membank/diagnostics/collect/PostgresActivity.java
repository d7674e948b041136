package io.membank.diagnostics.collect;

import io.agroal.api.AgroalDataSource;
import io.membank.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Sessions of the PostgreSQL server from {@code pg_stat_activity}, through diagnostics' own
 * datasource (the services' databases share the server): how full the server is, how much of it
 * each service's database holds, its connections by state, sessions waiting for locks and the
 * oldest open transaction. What the services' pool metrics cannot show: connections opened by
 * someone else, and a lock held outside the service.
 */
@ApplicationScoped
public class PostgresActivity {

  /** The component of server-wide signals. */
  public static final String SERVER = "postgresql";

  private static final String SERVER_SQL =
      "select count(*) filter (where backend_type = 'client backend'),"
          + " current_setting('max_connections')::int"
          + " - current_setting('superuser_reserved_connections')::int"
          + " from pg_stat_activity";

  private static final String DATABASE_SQL =
      "select datname, count(*),"
          + " count(*) filter (where state = 'active'),"
          + " count(*) filter (where state = 'idle'),"
          + " count(*) filter (where wait_event_type = 'Lock'),"
          + " coalesce(extract(epoch from max(now() - xact_start)), 0)"
          + " from pg_stat_activity"
          + " where backend_type = 'client backend' and pid <> pg_backend_pid()"
          + " and datname::text = any(?) group by datname";

  private final DataSource db;
  private final Map<String, String> databases;

  @Inject
  public PostgresActivity(AgroalDataSource db, DiagnosticsConfig config) {
    this(db, config.collect().postgres().databases());
  }

  /** Reads through {@code db} for the services' databases {@code databases} (service → name). */
  PostgresActivity(DataSource db, Map<String, String> databases) {
    this.db = db;
    this.databases = Map.copyOf(databases);
  }

  /** One reading of the server and of every configured service database. */
  public List<Signal> collect(Instant at) {
    List<Signal> out = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      double accepted = server(c, at, out);
      if (!databases.isEmpty()) {
        perDatabase(c, at, accepted, out);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("pg_stat_activity not readable: " + e.getMessage(), e);
    }
    return out;
  }

  private static double server(Connection c, Instant at, List<Signal> out) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SERVER_SQL);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      double clients = rs.getLong(1);
      double accepted = Math.max(1, rs.getLong(2));
      out.add(new Signal(SERVER, Metric.PG_CONNECTIONS_RATIO, at, clients / accepted));
      return accepted;
    }
  }

  private void perDatabase(Connection c, Instant at, double accepted, List<Signal> out)
      throws SQLException {
    Map<String, String> serviceOf = new HashMap<>();
    databases.forEach((service, database) -> serviceOf.put(database, service));
    Map<String, double[]> seen = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(DATABASE_SQL)) {
      Array names = c.createArrayOf("text", serviceOf.keySet().toArray());
      ps.setArray(1, names);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seen.put(
              rs.getString(1),
              new double[] {
                rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getDouble(6)
              });
        }
      }
    }
    // A database nobody is connected to reads as zeros, not as a gap in its series.
    serviceOf.forEach(
        (database, service) -> {
          double[] v = seen.getOrDefault(database, new double[5]);
          out.add(new Signal(service, Metric.PG_DATABASE_CONNECTIONS_SHARE, at, v[0] / accepted));
          out.add(new Signal(service, Metric.PG_ACTIVE_CONNECTIONS, at, v[1]));
          out.add(new Signal(service, Metric.PG_IDLE_CONNECTIONS, at, v[2]));
          out.add(new Signal(service, Metric.PG_LOCK_WAITS, at, v[3]));
          out.add(new Signal(service, Metric.PG_OLDEST_TRANSACTION_SECONDS, at, v[4]));
        });
  }
}
