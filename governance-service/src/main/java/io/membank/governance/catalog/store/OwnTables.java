package io.membank.governance.catalog.store;

import io.agroal.api.AgroalDataSource;
import io.membank.governance.catalog.domain.Classifier;
import io.membank.governance.catalog.domain.DatasetDescriptor;
import io.membank.governance.catalog.domain.FieldDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads governance-service's own tables for the catalog: samples of their text columns and their
 * null counts and freshness. Table and column names come from the checked-in descriptors, never
 * from a request, and are still checked against the live schema and quoted before they reach SQL;
 * values (the tenant) are bound parameters.
 */
@ApplicationScoped
public class OwnTables {

  /** Null count of one column. */
  public record Nulls(String field, long nulls) {}

  /** Row count, null counts and the newest value of the freshness column, if any. */
  public record Quality(long rows, List<Nulls> nulls, OffsetDateTime freshest) {}

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Column types whose values are text the detectors can read. */
  private static final Set<String> TEXT_TYPES =
      Set.of("text", "jsonb", "json", "character varying", "ARRAY");

  private final AgroalDataSource dataSource;

  public OwnTables(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Up to {@code rows} random rows of the table's text columns (text, JSON, arrays) that the
   * descriptor lists, as one sample per column.
   */
  public List<Classifier.FieldSample> sample(DatasetDescriptor table, int rows) {
    try (Connection c = dataSource.getConnection()) {
      List<String> columns = new ArrayList<>();
      Set<String> live = liveColumns(c, table.name(), true);
      for (FieldDescriptor f : table.fields()) {
        if (live.contains(f.name())) {
          columns.add(f.name());
        }
      }
      List<List<String>> values = new ArrayList<>();
      columns.forEach(col -> values.add(new ArrayList<>()));
      if (!columns.isEmpty()) {
        String select =
            "select "
                + String.join(", ", columns.stream().map(col -> quote(col) + "::text").toList())
                + " from "
                + quote(table.name())
                + " order by random() limit ?";
        try (PreparedStatement s = c.prepareStatement(select)) {
          s.setInt(1, rows);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              for (int i = 0; i < columns.size(); i++) {
                values.get(i).add(r.getString(i + 1));
              }
            }
          }
        }
      }
      List<Classifier.FieldSample> samples = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        samples.add(new Classifier.FieldSample(columns.get(i), values.get(i)));
      }
      return samples;
    } catch (SQLException e) {
      throw new IllegalStateException("sampling " + table.name() + " failed", e);
    }
  }

  /**
   * Rows, nulls per described column and the newest freshness value, over the rows of {@code
   * tenant} when given (and the table has a tenant column), else over all rows.
   */
  public Quality quality(DatasetDescriptor table, Optional<String> tenant) {
    try (Connection c = dataSource.getConnection()) {
      Set<String> live = liveColumns(c, table.name(), false);
      List<String> columns =
          table.fields().stream().map(FieldDescriptor::name).filter(live::contains).toList();
      StringBuilder sql = new StringBuilder("select count(*)");
      columns.forEach(col -> sql.append(", count(").append(quote(col)).append(')'));
      String freshness =
          table.freshnessField() != null && live.contains(table.freshnessField())
              ? table.freshnessField()
              : null;
      sql.append(freshness == null ? ", null::timestamptz" : ", max(" + quote(freshness) + ")");
      sql.append(" from ").append(quote(table.name()));
      boolean byTenant =
          tenant.isPresent() && table.tenantField() != null && live.contains(table.tenantField());
      if (byTenant) {
        sql.append(" where ").append(quote(table.tenantField())).append(" = ?");
      }
      try (PreparedStatement s = c.prepareStatement(sql.toString())) {
        if (byTenant) {
          s.setString(1, tenant.get());
        }
        try (ResultSet r = s.executeQuery()) {
          r.next();
          long rows = r.getLong(1);
          List<Nulls> nulls = new ArrayList<>();
          for (int i = 0; i < columns.size(); i++) {
            nulls.add(new Nulls(columns.get(i), rows - r.getLong(i + 2)));
          }
          return new Quality(rows, nulls, r.getObject(columns.size() + 2, OffsetDateTime.class));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("measuring " + table.name() + " failed", e);
    }
  }

  /** The table's columns in the current schema (only the text-like ones when asked). */
  private static Set<String> liveColumns(Connection c, String table, boolean textOnly)
      throws SQLException {
    if (!IDENTIFIER.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    Set<String> columns = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select column_name, data_type from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ?")) {
      s.setString(1, table);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String name = r.getString(1);
          if (IDENTIFIER.matcher(name).matches()
              && (!textOnly || TEXT_TYPES.contains(r.getString(2)))) {
            columns.add(name);
          }
        }
      }
    }
    return columns;
  }

  private static String quote(String identifier) {
    if (!IDENTIFIER.matcher(identifier).matches()) {
      throw new IllegalArgumentException("not an identifier: " + identifier);
    }
    return '"' + identifier + '"';
  }
}
