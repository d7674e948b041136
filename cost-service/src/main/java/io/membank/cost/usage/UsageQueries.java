package io.membank.cost.usage;

import io.agroal.api.AgroalDataSource;
import io.membank.cost.ledger.Granularity;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the hourly or daily aggregates of one tenant, grouped; never the usage rows. */
@ApplicationScoped
public class UsageQueries {

  /** Calls and spend in a range. */
  public record Totals(long calls, BigDecimal costUsd) {}

  private final AgroalDataSource db;

  UsageQueries(AgroalDataSource db) {
    this.db = db;
  }

  /**
   * One page of groups, time dimensions first and ascending, else by spend descending. The SQL is
   * built from {@link GroupBy} and {@link Granularity} constants only; values are bound.
   */
  public List<UsageRow> grouped(
      String tenant,
      Granularity table,
      OffsetDateTime from,
      OffsetDateTime to,
      List<GroupBy> groupBy,
      int limit,
      int offset) {
    String dims = groupBy.stream().map(GroupBy::expression).collect(Collectors.joining(", "));
    String order =
        groupBy.stream().anyMatch(GroupBy::time)
            ? dims
            : "sum(cost_usd) desc" + (dims.isEmpty() ? "" : ", " + dims);
    String sql =
        "select "
            + (dims.isEmpty() ? "" : dims + ", ")
            + "sum(calls), sum(tokens_in), sum(tokens_out), sum(cost_usd) from "
            + table.table()
            + " where tenant_id = ? and bucket >= ? and bucket < ?"
            + (dims.isEmpty() ? "" : " group by " + dims)
            + " order by "
            + order
            + " limit ? offset ?";
    List<UsageRow> rows = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, tenant);
      q.setObject(2, from);
      q.setObject(3, to);
      q.setInt(4, limit);
      q.setInt(5, offset);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          Map<GroupBy, Object> values = new EnumMap<>(GroupBy.class);
          int i = 1;
          for (GroupBy g : groupBy) {
            values.put(
                g,
                g.time()
                    ? r.getObject(i++, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)
                    : r.getString(i++));
          }
          long calls = r.getLong(i++);
          if (r.wasNull()) {
            continue; // no usage at all in the range: sum() over nothing
          }
          rows.add(
              new UsageRow(
                  (OffsetDateTime) values.get(GroupBy.HOUR),
                  (OffsetDateTime) values.get(GroupBy.DAY),
                  (String) values.get(GroupBy.SERVICE),
                  (String) values.get(GroupBy.OPERATION),
                  (String) values.get(GroupBy.PROVIDER),
                  (String) values.get(GroupBy.MODEL),
                  calls,
                  r.getLong(i++),
                  r.getLong(i++),
                  r.getBigDecimal(i)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("usage not read: " + e.getMessage(), e);
    }
    return rows;
  }

  /** Calls and spend of the tenant in [from, to). */
  public Totals totals(String tenant, Granularity table, OffsetDateTime from, OffsetDateTime to) {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select coalesce(sum(calls), 0), coalesce(sum(cost_usd), 0) from "
                    + table.table()
                    + " where tenant_id = ? and bucket >= ? and bucket < ?")) {
      q.setString(1, tenant);
      q.setObject(2, from);
      q.setObject(3, to);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        return new Totals(r.getLong(1), r.getBigDecimal(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("usage not read: " + e.getMessage(), e);
    }
  }
}
