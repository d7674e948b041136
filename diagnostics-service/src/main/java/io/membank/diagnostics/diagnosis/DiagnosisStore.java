package io.membank.diagnostics.diagnosis;

import com.fasterxml.jackson.core.type.TypeReference;
import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.store.Json;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.Symptom;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Diagnoses in PostgreSQL; every method works on the caller's connection (its transaction). */
@ApplicationScoped
public class DiagnosisStore {

  private static final String COLUMNS =
      "id, issue_id, title, root_cause, severity, confidence, rank, components::text,"
          + " symptoms::text, solutions::text, status, first_seen_at, last_seen_at, resolved_at,"
          + " paged_at";

  /** The open diagnoses of the tenant. */
  public List<Diagnosis> open(Connection c, String tenant) throws SQLException {
    return list(
        c,
        "select "
            + COLUMNS
            + " from diagnosis where tenant_id = ? and status = 'open'"
            + " order by rank, first_seen_at",
        tenant);
  }

  /** A page of diagnoses, newest first; {@code before} is the keyset cursor (time, id). */
  public List<Diagnosis> page(
      Connection c, String tenant, Diagnosis.Status status, Instant beforeAt, UUID beforeId, int n)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("select " + COLUMNS + " from diagnosis where tenant_id = ?");
    if (status != null) {
      sql.append(" and status = ?");
    }
    if (beforeAt != null) {
      sql.append(" and (first_seen_at, id) < (?, ?)");
    }
    sql.append(" order by first_seen_at desc, id desc limit ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setString(i++, tenant);
      if (status != null) {
        ps.setString(i++, status.key());
      }
      if (beforeAt != null) {
        ps.setTimestamp(i++, Timestamp.from(beforeAt));
        ps.setObject(i++, beforeId);
      }
      ps.setInt(i, n);
      return read(ps);
    }
  }

  public Optional<Diagnosis> find(Connection c, String tenant, UUID id) throws SQLException {
    return list(
            c, "select " + COLUMNS + " from diagnosis where tenant_id = ? and id = ?", tenant, id)
        .stream()
        .findFirst();
  }

  public void insert(Connection c, String tenant, Diagnosis d, List<String> evidence)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into diagnosis (id, tenant_id, issue_id, title, root_cause, severity,"
                + " confidence, rank, components, symptoms, solutions, status, first_seen_at,"
                + " last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb,"
                + " 'open', ?, ?)")) {
      ps.setObject(1, d.id());
      ps.setString(2, tenant);
      ps.setString(3, d.issueId());
      ps.setString(4, d.title());
      ps.setString(5, d.rootCause());
      ps.setString(6, d.severity().key());
      ps.setDouble(7, d.confidence());
      ps.setInt(8, d.rank());
      ps.setString(9, Json.write(d.components()));
      ps.setString(10, Json.write(d.symptoms()));
      ps.setString(11, Json.write(new Stored(d.solutions(), evidence)));
      ps.setTimestamp(12, Timestamp.from(d.firstSeenAt()));
      ps.setTimestamp(13, Timestamp.from(d.lastSeenAt()));
      ps.executeUpdate();
    }
  }

  /** Refreshes an open diagnosis seen again. */
  public void refresh(Connection c, UUID id, Finding f, Severity severity, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update diagnosis set severity = ?, confidence = ?, rank = ?, components = ?::jsonb,"
                + " symptoms = ?::jsonb, last_seen_at = ? where id = ?")) {
      ps.setString(1, severity.key());
      ps.setDouble(2, f.confidence());
      ps.setInt(3, f.rank());
      ps.setString(4, Json.write(f.components()));
      ps.setString(5, Json.write(f.symptoms()));
      ps.setTimestamp(6, Timestamp.from(at));
      ps.setObject(7, id);
      ps.executeUpdate();
    }
  }

  public void resolve(Connection c, UUID id, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update diagnosis set status = 'resolved', resolved_at = ? where id = ?"
                + " and status = 'open'")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setObject(2, id);
      ps.executeUpdate();
    }
  }

  /** Records the outcome of paging. */
  public void paged(Connection c, UUID id, Instant at, String error) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("update diagnosis set paged_at = ?, page_error = ? where id = ?")) {
      ps.setTimestamp(1, at == null ? null : Timestamp.from(at));
      ps.setString(2, error);
      ps.setObject(3, id);
      ps.executeUpdate();
    }
  }

  /** Solutions and evidence checks are stored together (both come from the knowledge base). */
  record Stored(List<KnownIssue.Solution> solutions, List<String> evidence) {}

  private static List<Diagnosis> list(Connection c, String sql, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return read(ps);
    }
  }

  private static List<Diagnosis> read(PreparedStatement ps) throws SQLException {
    List<Diagnosis> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Stored stored = Json.read(rs.getString(10), Stored.class);
        out.add(
            new Diagnosis(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Severity.parse(rs.getString(5)),
                rs.getDouble(6),
                rs.getInt(7),
                Json.read(rs.getString(8), new TypeReference<List<String>>() {}),
                Json.read(rs.getString(9), new TypeReference<List<Symptom>>() {}),
                stored.solutions(),
                stored.evidence(),
                Diagnosis.Status.valueOf(rs.getString(11).toUpperCase(Locale.ROOT)),
                instant(rs, 12),
                instant(rs, 13),
                instant(rs, 14),
                instant(rs, 15)));
      }
    }
    return out;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
