package io.membank.audit.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.audit.chain.ChainHash;
import io.membank.audit.chain.ChainStore;
import io.membank.audit.chain.SealedFields;
import io.membank.audit.shredding.SubjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reads behind report sections: counts grouped by columns, and listings of events, of one
 * tenant within a period, optionally only those tagged with a compliance regime. Column names and
 * conditions come from the templates (code), never from a request.
 */
@ApplicationScoped
public class ReportQueries {

  /** Columns of an event listing. */
  static final List<String> EVENT_COLUMNS =
      List.of("Seq", "Occurred at", "Actor", "Action", "Resource", "Outcome", "Risk", "Reasons");

  @Inject ChainStore store;
  @Inject SubjectKeys keys;

  /** What a section reads: tenant, period and an optional regime. */
  public record Scope(String tenant, Instant from, Instant to, String regime) {}

  /** A condition on risk reasons (rule codes are constants of {@code RiskRules}). */
  static String reason(String code) {
    if (!code.matches("[a-z_]+")) {
      throw new IllegalArgumentException(code);
    }
    return "(body::jsonb -> 'risk_reasons') @> '[\"" + code + "\"]'::jsonb";
  }

  /** Counts grouped by the columns, largest first; each row is the columns then the count. */
  public List<List<String>> grouped(Scope scope, List<String> columns, String where, int limit) {
    String cols = String.join(", ", columns);
    String sql =
        "select "
            + cols
            + ", count(*) from audit_record where "
            + base(scope, where)
            + " group by "
            + cols
            + " order by count(*) desc, "
            + cols
            + " limit ?";
    return rows(sql, scope, limit, columns.size() + 1);
  }

  /** The newest events matching the condition, as listing rows. */
  public List<List<String>> events(Scope scope, String where, int limit) {
    String sql =
        "select body from audit_record where "
            + base(scope, where)
            + " order by occurred_at desc, seq desc limit ?";
    List<List<String>> rows = new ArrayList<>();
    Map<String, String> names = keys.names(scope.tenant());
    for (List<String> row : rows(sql, scope, limit, 1)) {
      JsonNode b = ChainHash.parse(row.get(0));
      String resource =
          b.path("resource").path("type").asText()
              + (b.path("resource").hasNonNull("id")
                  ? " " + b.path("resource").path("id").asText()
                  : "");
      List<String> reasons = new ArrayList<>();
      b.path("risk_reasons").forEach(r -> reasons.add(r.asText()));
      rows.add(
          List.of(
              b.path("seq").asText(),
              b.path("occurred_at").asText(),
              name(names, b.path("actor").path("id").asText("anonymous")),
              b.path("action").asText(),
              resource,
              b.path("outcome").asText(),
              b.path("risk").asText(),
              String.join(", ", reasons)));
    }
    return rows;
  }

  /** Alerts raised for the tenant within the period, newest first. */
  public List<List<String>> alerts(Scope scope, int limit) {
    String sql =
        "select a.created_at, a.severity, a.summary, coalesce(string_agg(d.channel || ': '"
            + " || d.status, ', ' order by d.channel), '') from alert a left join delivery d on"
            + " d.alert_id = a.id where a.tenant_id = ? and a.created_at >= ? and a.created_at < ?"
            + " group by a.id order by a.created_at desc limit ?";
    try (Connection c = store.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, scope.tenant());
      s.setTimestamp(2, Timestamp.from(scope.from()));
      s.setTimestamp(3, Timestamp.from(scope.to()));
      s.setInt(4, limit);
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(
              List.of(
                  r.getTimestamp(1).toInstant().toString(),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading alerts failed", e);
    }
  }

  /**
   * A subject's name for its pseudonym (see {@code SealedFields}); {@code [erased]} when its key
   * was destroyed. Other values as they are.
   */
  private static String name(Map<String, String> names, String value) {
    return value.startsWith("ps:") ? names.getOrDefault(value, SealedFields.ERASED) : value;
  }

  private static String base(Scope scope, String where) {
    return "tenant_id = ? and occurred_at >= ? and occurred_at < ?"
        + (scope.regime() == null ? "" : " and ? = any(compliance)")
        + (where == null ? "" : " and (" + where + ")");
  }

  private List<List<String>> rows(String sql, Scope scope, int limit, int width) {
    try (Connection c = store.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      s.setString(i++, scope.tenant());
      s.setTimestamp(i++, Timestamp.from(scope.from()));
      s.setTimestamp(i++, Timestamp.from(scope.to()));
      if (scope.regime() != null) {
        s.setString(i++, scope.regime());
      }
      s.setInt(i, limit);
      List<List<String>> rows = new ArrayList<>();
      Map<String, String> names = keys.names(scope.tenant());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<String> row = new ArrayList<>(width);
          for (int col = 1; col <= width; col++) {
            String value = r.getString(col);
            row.add(value == null ? "" : name(names, value));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the trail of " + scope.tenant() + " failed", e);
    }
  }
}
