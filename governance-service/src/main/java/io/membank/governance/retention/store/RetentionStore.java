package io.membank.governance.retention.store;

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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Retention policies (every version), legal holds and enforcer runs in PostgreSQL. Plain JDBC on
 * the JTA-enlisted connection: callers run inside a transaction.
 */
@ApplicationScoped
public class RetentionStore {

  /** One version of a retention policy. */
  public record Policy(
      UUID policyId,
      int version,
      String tenantId,
      String dataClass,
      String scope,
      String region,
      int maxAgeDays,
      boolean retired,
      String createdBy,
      Instant createdAt) {}

  /** A legal hold on a tenant (subject null) or on one subject. */
  public record Hold(
      UUID holdId,
      String tenantId,
      String subject,
      String reason,
      String createdBy,
      Instant createdAt,
      String releasedBy,
      Instant releasedAt) {}

  /** One tenant's run of a pass. */
  public record Run(
      UUID runId,
      String tenantId,
      Instant asOf,
      String trigger,
      String triggeredBy,
      String status,
      boolean tenantHeld,
      List<String> heldSubjects,
      int attempt,
      Instant startedAt,
      Instant lastSentAt,
      Instant completedAt) {}

  /** A run's rule: a policy version (or {@code expires_at}), its cutoff, and the counts. */
  public record RunRule(
      String rule, Integer policyVersion, Instant cutoff, Long erased, Long keptByHold) {}

  /** Keyset position: the last row of a page. */
  public record After(Instant at, UUID id) {}

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String POLICY =
      "policy_id, version, tenant_id, data_class, scope, region, max_age_days, retired,"
          + " created_by, created_at";
  private static final String HOLD =
      "hold_id, tenant_id, subject, reason, created_by, created_at, released_by, released_at";
  private static final String RUN =
      "run_id, tenant_id, as_of, trigger_kind, triggered_by, status, tenant_held, held_subjects,"
          + " attempt, started_at, last_sent_at, completed_at";
  private static final String LATEST =
      "select distinct on (policy_id) "
          + POLICY
          + " from retention_policy where tenant_id = ? order by policy_id, version desc";

  private final AgroalDataSource dataSource;

  public RetentionStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Serializes changes of one tenant's policies and holds, and its runs, for this transaction. */
  public void lockTenant(String tenant) {
    query("select pg_advisory_xact_lock(hashtext('retention:' || ?))", r -> null, tenant);
  }

  /**
   * Tries the cluster-wide enforcer lock for this transaction; false when another replica holds it
   * (that one runs the pass).
   */
  public boolean tryEnforcerLock(long key) {
    return query("select pg_try_advisory_xact_lock(?)", r -> r.getBoolean(1), key).getFirst();
  }

  public void insertPolicy(Policy p) {
    update(
        "insert into retention_policy (" + POLICY + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.policyId(),
        p.version(),
        p.tenantId(),
        p.dataClass(),
        p.scope(),
        p.region(),
        p.maxAgeDays(),
        p.retired(),
        p.createdBy(),
        Timestamp.from(p.createdAt()));
  }

  /** The latest version of a policy of the tenant. */
  public Optional<Policy> latest(String tenant, UUID id) {
    return first(
        query(
            "select "
                + POLICY
                + " from retention_policy where tenant_id = ? and policy_id = ? order by version"
                + " desc limit 1",
            RetentionStore::policy,
            tenant,
            id));
  }

  /** One version of a policy of the tenant. */
  public Optional<Policy> version(String tenant, UUID id, int version) {
    return first(
        query(
            "select "
                + POLICY
                + " from retention_policy where tenant_id = ? and policy_id = ? and version = ?",
            RetentionStore::policy,
            tenant,
            id,
            version));
  }

  /** The latest versions of the tenant's policies, newest first, after the cursor. */
  public List<Policy> policies(String tenant, boolean withRetired, After after, int limit) {
    StringBuilder sql = new StringBuilder("select * from (").append(LATEST).append(") p where 1=1");
    List<Object> args = new ArrayList<>(List.of(tenant));
    if (!withRetired) {
      sql.append(" and not retired");
    }
    if (after != null) {
      sql.append(" and (created_at, policy_id) < (?, ?)");
      args.add(Timestamp.from(after.at()));
      args.add(after.id());
    }
    sql.append(" order by created_at desc, policy_id desc limit ?");
    args.add(limit);
    return query(sql.toString(), RetentionStore::policy, args.toArray());
  }

  /** The policies in force for the tenant (latest versions, not retired). */
  public List<Policy> inForce(String tenant) {
    return policies(tenant, false, null, 10_000);
  }

  public void insertHold(Hold h) {
    update(
        "insert into legal_hold (" + HOLD + ") values (?, ?, ?, ?, ?, ?, null, null)",
        h.holdId(),
        h.tenantId(),
        h.subject(),
        h.reason(),
        h.createdBy(),
        Timestamp.from(h.createdAt()));
  }

  public Optional<Hold> hold(String tenant, UUID id) {
    return first(
        query(
            "select " + HOLD + " from legal_hold where tenant_id = ? and hold_id = ?",
            RetentionStore::hold,
            tenant,
            id));
  }

  /** Releases an active hold; false when it was already released. */
  public boolean release(String tenant, UUID id, String by, Instant at) {
    return update(
            "update legal_hold set released_by = ?, released_at = ? where tenant_id = ? and"
                + " hold_id = ? and released_at is null",
            by,
            Timestamp.from(at),
            tenant,
            id)
        == 1;
  }

  /** The tenant's holds, newest first, after the cursor. */
  public List<Hold> holds(String tenant, boolean activeOnly, After after, int limit) {
    StringBuilder sql =
        new StringBuilder("select " + HOLD + " from legal_hold where tenant_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant));
    if (activeOnly) {
      sql.append(" and released_at is null");
    }
    if (after != null) {
      sql.append(" and (created_at, hold_id) < (?, ?)");
      args.add(Timestamp.from(after.at()));
      args.add(after.id());
    }
    sql.append(" order by created_at desc, hold_id desc limit ?");
    args.add(limit);
    return query(sql.toString(), RetentionStore::hold, args.toArray());
  }

  /** The tenant's active holds. */
  public List<Hold> activeHolds(String tenant) {
    return holds(tenant, true, null, 100_000);
  }

  /**
   * The tenants a pass visits: those governance knows (a retention policy, a hold or a privacy
   * policy), so expired memories of each are deleted even without a retention policy.
   */
  public List<String> knownTenants() {
    return query(
        "select tenant_id from retention_policy union select tenant_id from legal_hold union"
            + " select tenant_id from privacy_policy order by 1",
        r -> r.getString(1));
  }

  public void insertRun(Run run, List<RunRule> rules) {
    update(
        "insert into retention_run (" + RUN + ") values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, null)",
        run.runId(),
        run.tenantId(),
        Timestamp.from(run.asOf()),
        run.trigger(),
        run.triggeredBy(),
        run.status(),
        run.tenantHeld(),
        new Json(json(run.heldSubjects())),
        Timestamp.from(run.startedAt()),
        Timestamp.from(run.lastSentAt()));
    for (RunRule r : rules) {
      update(
          "insert into retention_run_rule (run_id, rule, policy_version, cutoff) values (?, ?, ?,"
              + " ?)",
          run.runId(),
          r.rule(),
          r.policyVersion(),
          r.cutoff() == null ? null : Timestamp.from(r.cutoff()));
    }
  }

  public Optional<Run> run(String tenant, UUID id) {
    return first(
        query(
            "select " + RUN + " from retention_run where tenant_id = ? and run_id = ?",
            RetentionStore::run,
            tenant,
            id));
  }

  /** A run by id (any tenant), locked for this transaction. */
  public Optional<Run> lockRun(UUID id) {
    return first(
        query(
            "select " + RUN + " from retention_run where run_id = ? for update",
            RetentionStore::run,
            id));
  }

  public List<Run> runs(String tenant, After after, int limit) {
    StringBuilder sql =
        new StringBuilder("select " + RUN + " from retention_run where tenant_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant));
    if (after != null) {
      sql.append(" and (started_at, run_id) < (?, ?)");
      args.add(Timestamp.from(after.at()));
      args.add(after.id());
    }
    sql.append(" order by started_at desc, run_id desc limit ?");
    args.add(limit);
    return query(sql.toString(), RetentionStore::run, args.toArray());
  }

  public List<RunRule> rules(UUID run) {
    return query(
        "select rule, policy_version, cutoff, erased, kept_by_hold from retention_run_rule where"
            + " run_id = ? order by rule",
        r ->
            new RunRule(
                r.getString(1),
                (Integer) r.getObject(2),
                r.getTimestamp(3) == null ? null : r.getTimestamp(3).toInstant(),
                (Long) r.getObject(4),
                (Long) r.getObject(5)),
        run);
  }

  /** Records a rule's counts (first confirmation wins: a re-sent request confirms zeros). */
  public void count(UUID run, String rule, long erased, long keptByHold) {
    update(
        "update retention_run_rule set erased = ?, kept_by_hold = ? where run_id = ? and rule = ?",
        erased,
        keptByHold,
        run,
        rule);
  }

  /** Marks a pending run completed; true when this call did it. */
  public boolean complete(UUID run, Instant at) {
    return update(
            "update retention_run set status = 'completed', completed_at = ? where run_id = ? and"
                + " status = 'pending'",
            Timestamp.from(at),
            run)
        == 1;
  }

  /** Pending runs last sent before the instant, locked (other replicas skip them). */
  public List<Run> due(Instant sentBefore, int limit) {
    return query(
        "select "
            + RUN
            + " from retention_run where status = 'pending' and last_sent_at < ? order by"
            + " last_sent_at limit ? for update skip locked",
        RetentionStore::run,
        Timestamp.from(sentBefore),
        limit);
  }

  /** Counts the next attempt of a run; returns it. */
  public int nextAttempt(UUID run, Instant at) {
    return query(
            "update retention_run set attempt = attempt + 1, last_sent_at = ? where run_id = ?"
                + " returning attempt",
            r -> r.getInt(1),
            Timestamp.from(at),
            run)
        .getFirst();
  }

  private static Policy policy(ResultSet r) throws SQLException {
    return new Policy(
        r.getObject("policy_id", UUID.class),
        r.getInt("version"),
        r.getString("tenant_id"),
        r.getString("data_class"),
        r.getString("scope"),
        r.getString("region"),
        r.getInt("max_age_days"),
        r.getBoolean("retired"),
        r.getString("created_by"),
        r.getTimestamp("created_at").toInstant());
  }

  private static Hold hold(ResultSet r) throws SQLException {
    return new Hold(
        r.getObject(1, UUID.class),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getTimestamp(6).toInstant(),
        r.getString(7),
        r.getTimestamp(8) == null ? null : r.getTimestamp(8).toInstant());
  }

  private static Run run(ResultSet r) throws SQLException {
    List<String> held;
    try {
      held = JSON.readValue(r.getString(8), STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("held_subjects is not a JSON array", e);
    }
    return new Run(
        r.getObject(1, UUID.class),
        r.getString(2),
        r.getTimestamp(3).toInstant(),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getBoolean(7),
        held,
        r.getInt(9),
        r.getTimestamp(10).toInstant(),
        r.getTimestamp(11).toInstant(),
        r.getTimestamp(12) == null ? null : r.getTimestamp(12).toInstant());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable", e);
    }
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet r) throws SQLException;
  }

  private record Json(String text) {}

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  private <T> List<T> query(String sql, Row<T> row, Object... args) {
    List<T> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      bind(select, args);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          out.add(row.map(r));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading retention state failed", e);
    }
    return out;
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, args);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("writing retention state failed", e);
    }
  }

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
