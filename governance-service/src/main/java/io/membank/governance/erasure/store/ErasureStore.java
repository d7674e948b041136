package io.membank.governance.erasure.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Erasure requests and their confirmations in PostgreSQL. Plain JDBC on the JTA-enlisted
 * connection: callers run inside a transaction (the outbox writes commit with the state).
 */
@ApplicationScoped
public class ErasureStore {

  /** An erasure's state. */
  public record Erasure(
      UUID id,
      String tenantId,
      String subject,
      String reason,
      String status,
      String statusReason,
      String requestedBy,
      Instant requestedAt,
      Instant deadlineAt,
      int attempt,
      Instant lastSentAt,
      Instant completedAt) {}

  /** One service's last confirmation. */
  public record Confirmation(
      String service,
      int attempt,
      List<ErasureConfirmed.StoreCount> stores,
      boolean clean,
      Instant confirmedAt) {}

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<List<ErasureConfirmed.StoreCount>> STORES =
      new TypeReference<>() {};
  private static final String COLUMNS =
      "id, tenant_id, subject, reason, status, status_reason, requested_by, requested_at,"
          + " deadline_at, attempt, last_sent_at, completed_at";

  private final AgroalDataSource dataSource;

  public ErasureStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The subject's open (not completed) erasure, locked for this transaction. */
  public Optional<Erasure> openFor(String tenant, String subject) {
    return one(
        "select "
            + COLUMNS
            + " from erasure_request where tenant_id = ? and subject = ? and status <> 'completed'"
            + " for update",
        tenant,
        subject);
  }

  /** An erasure of the tenant. */
  public Optional<Erasure> find(String tenant, UUID id) {
    return one(
        "select " + COLUMNS + " from erasure_request where tenant_id = ? and id = ?", tenant, id);
  }

  /** An erasure by id (any tenant), locked for this transaction. */
  public Optional<Erasure> lock(UUID id) {
    return one("select " + COLUMNS + " from erasure_request where id = ? for update", id);
  }

  /** Inserts a new pending erasure; false when an open one of the subject won the race. */
  public boolean insert(Erasure e) {
    return update(
            "insert into erasure_request (id, tenant_id, subject, reason, status, requested_by,"
                + " requested_at, deadline_at, attempt, last_sent_at) values (?, ?, ?, ?,"
                + " 'pending', ?, ?, ?, 1, ?) on conflict do nothing",
            e.id(),
            e.tenantId(),
            e.subject(),
            e.reason(),
            e.requestedBy(),
            Timestamp.from(e.requestedAt()),
            Timestamp.from(e.deadlineAt()),
            Timestamp.from(e.requestedAt()))
        == 1;
  }

  /**
   * Stores a service's confirmation unless a later attempt's is already there; returns whether it
   * was stored.
   */
  public boolean confirm(UUID erasure, ErasureConfirmed c, Instant at) {
    String stores;
    try {
      stores = JSON.writeValueAsString(c.stores());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("confirmation not serializable", e);
    }
    return update(
            "insert into erasure_confirmation (erasure_id, service, attempt, stores, clean,"
                + " confirmed_at) values (?, ?, ?, ?, ?, ?) on conflict (erasure_id, service) do"
                + " update set attempt = excluded.attempt, stores = excluded.stores, clean ="
                + " excluded.clean, confirmed_at = excluded.confirmed_at where"
                + " erasure_confirmation.attempt <= excluded.attempt",
            erasure,
            c.service(),
            c.attempt(),
            new Json(stores),
            c.clean(),
            Timestamp.from(at))
        == 1;
  }

  /** The confirmations of an erasure, by service. */
  public List<Confirmation> confirmations(UUID erasure) {
    List<Confirmation> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select service, attempt, stores, clean, confirmed_at from erasure_confirmation"
                    + " where erasure_id = ? order by service")) {
      select.setObject(1, erasure);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          out.add(
              new Confirmation(
                  row.getString(1),
                  row.getInt(2),
                  JSON.readValue(row.getString(3), STORES),
                  row.getBoolean(4),
                  row.getTimestamp(5).toInstant()));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("reading erasure confirmations failed", e);
    }
    return out;
  }

  /** Marks an erasure completed (once); true when this call did it. */
  public boolean complete(UUID id, Instant at) {
    return update(
            "update erasure_request set status = 'completed', status_reason = null, completed_at"
                + " = ? where id = ? and status <> 'completed'",
            Timestamp.from(at),
            id)
        == 1;
  }

  /** Marks an open erasure incomplete with the reason (it keeps being retried). */
  public void incomplete(UUID id, String reason) {
    update(
        "update erasure_request set status = 'incomplete', status_reason = ? where id = ? and"
            + " status <> 'completed'",
        reason,
        id);
  }

  /** Counts the next attempt of an open erasure; returns it. */
  public int nextAttempt(UUID id, Instant at) {
    update(
        "update erasure_request set attempt = attempt + 1, last_sent_at = ? where id = ?",
        Timestamp.from(at),
        id);
    return lock(id).map(Erasure::attempt).orElseThrow();
  }

  /**
   * Open erasures whose request was last sent before {@code sentBefore}, locked (others running the
   * same scheduler skip them).
   */
  public List<Erasure> due(Instant sentBefore, int limit) {
    return many(
        "select "
            + COLUMNS
            + " from erasure_request where status <> 'completed' and last_sent_at < ? order by"
            + " last_sent_at limit ? for update skip locked",
        Timestamp.from(sentBefore),
        limit);
  }

  private Optional<Erasure> one(String sql, Object... args) {
    List<Erasure> rows = many(sql, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  private List<Erasure> many(String sql, Object... args) {
    List<Erasure> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      bind(select, args);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          out.add(
              new Erasure(
                  row.getObject(1, UUID.class),
                  row.getString(2),
                  row.getString(3),
                  row.getString(4),
                  row.getString(5),
                  row.getString(6),
                  row.getString(7),
                  row.getTimestamp(8).toInstant(),
                  row.getTimestamp(9).toInstant(),
                  row.getInt(10),
                  row.getTimestamp(11).toInstant(),
                  row.getTimestamp(12) == null ? null : row.getTimestamp(12).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading erasures failed", e);
    }
    return out;
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, args);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("writing an erasure failed", e);
    }
  }

  private record Json(String text) {}

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Json json) {
        s.setObject(i + 1, json.text(), Types.OTHER);
      } else {
        s.setObject(i + 1, args[i]);
      }
    }
  }
}
