package io.membank.outbox;

import io.membank.contracts.ErasureConfirmed.StoreCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases a data subject's rows from a service's tables (issue 17), on the caller's connection and
 * transaction: counts each table's rows of the subject, runs the erasing statements in order, then
 * counts again and runs an independent check. Every statement takes exactly two parameters, the
 * tenant and the subject; {@link #PARAMS} names them {@code s.t} and {@code s.u}.
 */
public final class SubjectRows {

  /** Prefix of every statement: binds (tenant, subject) to {@code s.t} and {@code s.u}. */
  public static final String PARAMS = "with s as (select ?::text as t, ?::text as u) ";

  /**
   * One table: the count of the subject's rows, the statement that erases them (a delete, or an
   * update that removes the subject's fields), and the direct check run after.
   */
  public record Target(String store, String count, String erase, String check) {

    /** The same with {@link #PARAMS} in front of each statement. */
    public static Target of(String store, String count, String erase, String check) {
      return new Target(store, PARAMS + count, PARAMS + erase, PARAMS + check);
    }
  }

  private SubjectRows() {}

  /** Erases the subject from every target (in order) and returns the counts. */
  public static List<StoreCount> erase(
      Connection c, String tenant, String subject, List<Target> targets) throws SQLException {
    List<Long> before = new ArrayList<>(targets.size());
    for (Target t : targets) {
      before.add(count(c, t.count(), tenant, subject));
    }
    for (Target t : targets) {
      try (PreparedStatement erase = c.prepareStatement(t.erase())) {
        erase.setString(1, tenant);
        erase.setString(2, subject);
        erase.executeUpdate();
      }
    }
    List<StoreCount> counts = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      counts.add(
          new StoreCount(
              t.store(),
              before.get(i),
              count(c, t.count(), tenant, subject),
              t.check().substring(PARAMS.length()),
              count(c, t.check(), tenant, subject)));
    }
    return counts;
  }

  private static long count(Connection c, String sql, String tenant, String subject)
      throws SQLException {
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, tenant);
      select.setString(2, subject);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
