package io.membank.audit.support;

import io.membank.testkit.DevStackProcess;
import io.membank.testkit.PostgresResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Looks into the service's test database as the superuser (never through the service). */
public final class Db {

  private Db() {}

  /** A superuser connection to the database of the running test application. */
  public static Connection superuser() throws SQLException {
    return PostgresResource.connect(
        DevStackProcess.ensureStarted().postgresPort(),
        ConfigProvider.getConfig().getValue(AuditDatabase.DATABASE, String.class));
  }

  /** The first column of the first row, as a long. */
  public static long number(String sql, Object... args) {
    List<List<String>> rows = rows(sql, args);
    return rows.isEmpty() || rows.get(0).get(0) == null ? 0 : Long.parseLong(rows.get(0).get(0));
  }

  /** Every row, as strings. */
  public static List<List<String>> rows(String sql, Object... args) {
    try (Connection c = superuser();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        int width = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= width; i++) {
            row.add(r.getString(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
