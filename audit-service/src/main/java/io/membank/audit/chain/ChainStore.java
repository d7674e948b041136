package io.membank.audit.chain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * SQL of the {@code audit_record} table, in plain JDBC: the chain is about exact bytes and batched
 * inserts, so no ORM stands between the hashed body and the row. Methods that take a {@link
 * Connection} run inside the caller's transaction.
 */
@ApplicationScoped
public class ChainStore {

  private static final String COLUMNS =
      "tenant_id, seq, event_id, event_type, occurred_at, recorded_at, service, actor_type,"
          + " actor_id, action, resource_type, resource_id, resource_owner_id, outcome, risk,"
          + " risk_rank, compliance, body, prev_hash, hash";

  @Inject DataSource dataSource;

  /** The last record of a chain, or the genesis position (seq 0). */
  public record Head(long seq, String hash) {
    static final Head EMPTY = new Head(0, ChainHash.GENESIS);
  }

  /** A connection (joins the current JTA transaction, if any). */
  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * Serializes appends to the tenants' chains until the transaction ends: 64-bit advisory locks,
   * shared by every instance of the service, taken in the order given (callers sort, so two writers
   * never wait for each other in a cycle).
   */
  public void lock(Connection c, List<String> tenants) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select pg_advisory_xact_lock(hashtextextended('membank-audit-chain:' || t, 0))"
                + " from unnest(?::text[]) t")) {
      s.setArray(1, c.createArrayOf("text", tenants.toArray()));
      s.execute();
    }
  }

  /** Which of the (tenant, event id) pairs are stored already, as {@code tenant + "/" + id}. */
  public Set<String> existing(Connection c, List<String> tenants, List<String> eventIds)
      throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select a.tenant_id, a.event_id from audit_record a"
                + " join unnest(?::text[], ?::text[]) u(t, e)"
                + " on a.tenant_id = u.t and a.event_id = u.e")) {
      s.setArray(1, c.createArrayOf("text", tenants.toArray()));
      s.setArray(2, c.createArrayOf("text", eventIds.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(r.getString(1) + "/" + r.getString(2));
        }
      }
    }
    return found;
  }

  /** The heads of the tenants' chains (genesis for a tenant without records). */
  public Map<String, Head> heads(Connection c, List<String> tenants) throws SQLException {
    Map<String, Head> heads = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select t, h.seq, h.hash from unnest(?::text[]) t left join lateral"
                + " (select seq, hash from audit_record where tenant_id = t"
                + " order by seq desc limit 1) h on true")) {
      s.setArray(1, c.createArrayOf("text", tenants.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String hash = r.getString(3);
          heads.put(r.getString(1), hash == null ? Head.EMPTY : new Head(r.getLong(2), hash));
        }
      }
    }
    return heads;
  }

  /** The head of the tenant's chain. */
  public Head head(Connection c, String tenant) throws SQLException {
    return heads(c, List.of(tenant)).get(tenant);
  }

  /** The head of the tenant's chain, read on its own connection. */
  public Head head(String tenant) {
    try (Connection c = connection()) {
      return head(c, tenant);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the head of " + tenant + " failed", e);
    }
  }

  /** Inserts the records in one JDBC batch. */
  public void insert(Connection c, List<ChainRecord> records) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into audit_record ("
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ChainRecord record : records) {
        AuditEntry e = record.entry();
        int i = 1;
        s.setString(i++, e.tenantId());
        s.setLong(i++, record.seq());
        s.setString(i++, e.eventId());
        s.setString(i++, e.eventType());
        s.setTimestamp(i++, Timestamp.from(RecordBody.stored(e.occurredAt())));
        s.setTimestamp(i++, Timestamp.from(RecordBody.stored(record.recordedAt())));
        s.setString(i++, e.service());
        s.setString(i++, e.actor().type());
        s.setString(i++, e.actor().id());
        s.setString(i++, e.action());
        s.setString(i++, e.resource().type());
        s.setString(i++, e.resource().id());
        s.setString(i++, e.resource().ownerId());
        s.setString(i++, e.outcome());
        s.setString(i++, record.classification().risk().wire());
        s.setShort(i++, (short) record.classification().risk().ordinal());
        s.setArray(i++, c.createArrayOf("text", record.classification().compliance().toArray()));
        s.setString(i++, record.body());
        s.setString(i++, record.prevHash());
        s.setString(i++, record.hash());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Streams the tenant's records with {@code fromSeq <= seq <= toSeq} in chain order, without
   * holding them all in memory, until the visitor returns false.
   */
  public void walk(String tenant, long fromSeq, long toSeq, Predicate<StoredRow> visitor) {
    try (Connection c = connection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false); // a cursor (fetch size) needs a transaction
      try (PreparedStatement s =
          c.prepareStatement(
              "select "
                  + COLUMNS
                  + " from audit_record where tenant_id = ? and seq between ? and ?"
                  + " order by seq")) {
        s.setFetchSize(1000);
        s.setString(1, tenant);
        s.setLong(2, fromSeq);
        s.setLong(3, toSeq);
        try (ResultSet r = s.executeQuery()) {
          while (r.next() && visitor.test(row(r))) {
            // the visitor does the work
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the chain of " + tenant + " failed", e);
    }
  }

  /** One record by sequence number. */
  public Optional<StoredRow> find(String tenant, long seq) {
    List<StoredRow> rows = new ArrayList<>();
    walk(tenant, seq, seq, rows::add);
    return rows.stream().findFirst();
  }

  /** First and last sequence numbers recorded within [from, to), or empty. */
  public Optional<long[]> seqRange(String tenant, Instant from, Instant to) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "select min(seq), max(seq) from audit_record where tenant_id = ?"
                    + " and recorded_at >= ? and recorded_at < ?")) {
      s.setString(1, tenant);
      s.setTimestamp(2, Timestamp.from(from == null ? Instant.EPOCH : from));
      s.setTimestamp(3, Timestamp.from(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        long min = r.getLong(1);
        return r.wasNull() ? Optional.empty() : Optional.of(new long[] {min, r.getLong(2)});
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the chain of " + tenant + " failed", e);
    }
  }

  /**
   * A page of the tenant's records matching the filter, newest first, with {@code seq < beforeSeq}.
   * {@code actorPseudonym} is the filter's actor as records sealed since issue 17 name it (null
   * when the actor has no key): a record matches by either name, so records from before still do.
   */
  public List<StoredRow> page(
      String tenant, EventFilter f, String actorPseudonym, long beforeSeq, int limit) {
    StringBuilder sql =
        new StringBuilder("select ")
            .append(COLUMNS)
            .append(" from audit_record where tenant_id = ? and seq < ?");
    List<Object> args = new ArrayList<>(List.of(tenant, beforeSeq));
    condition(sql, args, "actor_id = ?", f.actor());
    if (f.actor() != null && actorPseudonym != null) {
      sql.replace(sql.length() - "actor_id = ?".length(), sql.length(), "actor_id in (?, ?)");
      args.add(actorPseudonym);
    }
    condition(sql, args, "resource_type = ?", f.resourceType());
    condition(sql, args, "resource_id = ?", f.resourceId());
    condition(sql, args, "event_type = ?", f.eventType());
    condition(sql, args, "action = ?", f.action());
    condition(sql, args, "outcome = ?", f.outcome());
    condition(sql, args, "risk = ?", f.risk() == null ? null : f.risk().wire());
    condition(sql, args, "risk_rank >= ?", f.minRisk() == null ? null : f.minRisk().ordinal());
    condition(sql, args, "? = any(compliance)", f.compliance());
    condition(sql, args, "occurred_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
    condition(sql, args, "occurred_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
    sql.append(" order by seq desc limit ?");
    args.add(limit);
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        Object arg = args.get(i);
        if (arg instanceof Integer n) {
          s.setInt(i + 1, n);
        } else {
          s.setObject(i + 1, arg);
        }
      }
      List<StoredRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("listing the chain of " + tenant + " failed", e);
    }
  }

  /** How many of the tenant's records have {@code text} in their hashed body. */
  public long countContaining(Connection c, String tenant, String text) throws SQLException {
    return count(
        c,
        "select count(*) from audit_record where tenant_id = ? and strpos(body, ?) > 0",
        tenant,
        text);
  }

  /** How many of the tenant's records name the subject in clear, as actor or resource owner. */
  public long countNamingInClear(Connection c, String tenant, String subject) throws SQLException {
    return count(
        c,
        "select count(*) from audit_record where tenant_id = ? and ? in (actor_id,"
            + " resource_owner_id)",
        tenant,
        subject);
  }

  private static long count(Connection c, String sql, String tenant, String arg)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      s.setString(2, arg);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Every tenant that has a chain (a loose index scan: cheap however long the chains are). */
  public List<String> tenants() {
    String sql =
        "with recursive t(tenant_id) as ("
            + " (select tenant_id from audit_record order by tenant_id limit 1)"
            + " union all"
            + " select (select a.tenant_id from audit_record a where a.tenant_id > t.tenant_id"
            + "   order by a.tenant_id limit 1) from t where t.tenant_id is not null)"
            + " select tenant_id from t where tenant_id is not null";
    try (Connection c = connection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      List<String> tenants = new ArrayList<>();
      while (r.next()) {
        tenants.add(r.getString(1));
      }
      return tenants;
    } catch (SQLException e) {
      throw new IllegalStateException("listing tenants failed", e);
    }
  }

  private static void condition(StringBuilder sql, List<Object> args, String clause, Object arg) {
    if (arg != null) {
      sql.append(" and ").append(clause);
      args.add(arg);
    }
  }

  private static StoredRow row(ResultSet r) throws SQLException {
    Array compliance = r.getArray("compliance");
    RecordBody.Columns columns =
        new RecordBody.Columns(
            r.getString("tenant_id"),
            r.getLong("seq"),
            r.getString("event_id"),
            r.getString("event_type"),
            instant(r.getTimestamp("occurred_at")),
            instant(r.getTimestamp("recorded_at")),
            r.getString("service"),
            r.getString("actor_type"),
            r.getString("actor_id"),
            r.getString("action"),
            r.getString("resource_type"),
            r.getString("resource_id"),
            r.getString("resource_owner_id"),
            r.getString("outcome"),
            r.getString("risk"),
            r.getInt("risk_rank"),
            compliance == null ? List.of() : Arrays.asList((String[]) compliance.getArray()));
    return new StoredRow(
        columns, r.getString("body"), r.getString("prev_hash"), r.getString("hash"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
