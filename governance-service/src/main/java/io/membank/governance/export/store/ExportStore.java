package io.membank.governance.export.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Subject exports in PostgreSQL. Plain JDBC on the JTA-enlisted connection: callers run inside a
 * transaction.
 */
@ApplicationScoped
public class ExportStore {

  /** How far one source is: records written, and the total the source announced. */
  public record Progress(long done, long total) {}

  /** An export's state. */
  public record Export(
      UUID id,
      String tenantId,
      String subject,
      String status,
      String statusReason,
      String requestedBy,
      Instant requestedAt,
      Map<String, Progress> progress,
      Instant completedAt,
      Long bundleBytes,
      String manifestSha256) {}

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<LinkedHashMap<String, Progress>> PROGRESS =
      new TypeReference<>() {};
  private static final String COLUMNS =
      "id, tenant_id, subject, status, status_reason, requested_by, requested_at, progress,"
          + " completed_at, bundle_bytes, manifest_sha256";

  private final AgroalDataSource dataSource;

  public ExportStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The subject's running export, locked for this transaction. */
  public Optional<Export> runningFor(String tenant, String subject) {
    return one(
        "select "
            + COLUMNS
            + " from subject_export where tenant_id = ? and subject = ? and status = 'running'"
            + " for update",
        tenant,
        subject);
  }

  /** An export of the tenant. */
  public Optional<Export> find(String tenant, UUID id) {
    return one(
        "select " + COLUMNS + " from subject_export where tenant_id = ? and id = ?", tenant, id);
  }

  /** Stores a new running export; false when one for the subject committed first. */
  public boolean insert(UUID id, String tenant, String subject, String requestedBy, Instant now) {
    return update(
            "insert into subject_export (id, tenant_id, subject, status, requested_by,"
                + " requested_at) values (?, ?, ?, 'running', ?, ?) on conflict do nothing",
            id,
            tenant,
            subject,
            requestedBy,
            Timestamp.from(now))
        == 1;
  }

  /**
   * Takes one running export nobody holds (or whose holder's lease ran out) until {@code until};
   * rows another replica is taking right now are skipped.
   */
  public Optional<Export> claim(Instant now, Instant until) {
    Optional<Export> next =
        one(
            "select "
                + COLUMNS
                + " from subject_export where status = 'running'"
                + " and (claimed_until is null or claimed_until < ?)"
                + " order by requested_at limit 1 for update skip locked",
            Timestamp.from(now));
    next.ifPresent(
        e ->
            update(
                "update subject_export set claimed_until = ? where id = ?",
                Timestamp.from(until),
                e.id()));
    return next;
  }

  /** Records progress and extends the lease. */
  public void progress(UUID id, Map<String, Progress> progress, Instant until) {
    update(
        "update subject_export set progress = ?::jsonb, claimed_until = ? where id = ?"
            + " and status = 'running'",
        json(progress),
        Timestamp.from(until),
        id);
  }

  /** Marks an export done with its bundle's size and the manifest's hash. */
  public void done(UUID id, long bytes, String manifestSha256, Instant now) {
    update(
        "update subject_export set status = 'done', completed_at = ?, bundle_bytes = ?,"
            + " manifest_sha256 = ?, claimed_until = null where id = ? and status = 'running'",
        Timestamp.from(now),
        bytes,
        manifestSha256,
        id);
  }

  /** Marks an export failed, with why. */
  public void failed(UUID id, String reason, Instant now) {
    update(
        "update subject_export set status = 'failed', status_reason = ?, completed_at = ?,"
            + " claimed_until = null where id = ? and status = 'running'",
        reason,
        Timestamp.from(now),
        id);
  }

  private Optional<Export> one(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("subject_export read failed", e);
    }
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("subject_export write failed", e);
    }
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
  }

  private static Export row(ResultSet r) throws SQLException {
    Timestamp completed = r.getTimestamp("completed_at");
    long bytes = r.getLong("bundle_bytes");
    Long bundleBytes = r.wasNull() ? null : bytes;
    return new Export(
        r.getObject("id", UUID.class),
        r.getString("tenant_id"),
        r.getString("subject"),
        r.getString("status"),
        r.getString("status_reason"),
        r.getString("requested_by"),
        r.getTimestamp("requested_at").toInstant(),
        progress(r.getString("progress")),
        completed == null ? null : completed.toInstant(),
        bundleBytes,
        r.getString("manifest_sha256"));
  }

  private static Map<String, Progress> progress(String json) {
    try {
      return JSON.readValue(json, PROGRESS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("subject_export.progress is not JSON", e);
    }
  }

  private static String json(Map<String, Progress> progress) {
    try {
      return JSON.writeValueAsString(progress);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
