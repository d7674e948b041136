package io.membank.diagnostics.healing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.membank.diagnostics.knowledge.ActionType;
import io.membank.diagnostics.knowledge.Risk;
import io.membank.diagnostics.store.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The healing history in PostgreSQL; every method works on the caller's connection. */
@ApplicationScoped
public class ActionStore {

  private static final String COLUMNS =
      "id, diagnosis_id, action_type, target, parameters::text, risk, status, reason, dry_run,"
          + " previous_state::text, created_at, executed_at, verify_at, finished_at, approved_by";

  public void insert(Connection c, String tenant, HealingAction a) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into healing_action (id, tenant_id, diagnosis_id, action_type, target,"
                + " parameters, risk, status, reason, dry_run, created_at) values (?, ?, ?, ?, ?,"
                + " ?::jsonb, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, a.id());
      ps.setString(2, tenant);
      ps.setObject(3, a.diagnosisId());
      ps.setString(4, a.type().key());
      ps.setString(5, a.target());
      ps.setString(6, Json.write(a.parameters()));
      ps.setString(7, a.risk().key());
      ps.setString(8, a.status().key());
      ps.setString(9, a.reason());
      ps.setBoolean(10, a.dryRun());
      ps.setTimestamp(11, Timestamp.from(a.createdAt()));
      ps.executeUpdate();
    }
  }

  /** Moves an action on; only from {@code from}, so two runs never advance it twice. */
  public boolean advance(
      Connection c,
      UUID id,
      ActionStatus from,
      ActionStatus to,
      String reason,
      Map<String, String> previousState,
      Instant executedAt,
      Instant verifyAt,
      Instant finishedAt,
      String approvedBy)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update healing_action set status = ?, reason = ?, previous_state = coalesce(?::jsonb,"
                + " previous_state), executed_at = coalesce(?, executed_at), verify_at = coalesce(?,"
                + " verify_at), finished_at = coalesce(?, finished_at), approved_by = coalesce(?, approved_by) where id = ? and"
                + " status = ?")) {
      ps.setString(1, to.key());
      ps.setString(2, reason);
      ps.setString(3, previousState == null ? null : Json.write(previousState));
      ps.setTimestamp(4, ts(executedAt));
      ps.setTimestamp(5, ts(verifyAt));
      ps.setTimestamp(6, ts(finishedAt));
      ps.setString(7, approvedBy);
      ps.setObject(8, id);
      ps.setString(9, from.key());
      return ps.executeUpdate() == 1;
    }
  }

  public Optional<HealingAction> find(Connection c, String tenant, UUID id) throws SQLException {
    return list(
            c,
            "select " + COLUMNS + " from healing_action where tenant_id = ? and id = ?",
            tenant,
            id)
        .stream()
        .findFirst();
  }

  /** Whether the diagnosis already has an action of this type on this target. */
  public boolean exists(Connection c, UUID diagnosisId, ActionType type, String target)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select 1 from healing_action where diagnosis_id = ? and action_type = ? and target ="
                + " ?")) {
      ps.setObject(1, diagnosisId);
      ps.setString(2, type.key());
      ps.setString(3, target);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Counts for the safeguards: same action on the target lately, and what is in flight. */
  public Safeguards.History history(Connection c, ActionType type, String target, Instant since)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(*) filter (where action_type = ? and target = ? and created_at >= ? and"
                + " status in ('executed', 'verified', 'rolled_back', 'failed')), count(*) filter"
                + " (where target = ? and status = 'executed'), count(*) filter (where status ="
                + " 'executed') from healing_action")) {
      ps.setString(1, type.key());
      ps.setString(2, target);
      ps.setTimestamp(3, Timestamp.from(since));
      ps.setString(4, target);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Safeguards.History(rs.getInt(1), rs.getInt(2), rs.getInt(3));
      }
    }
  }

  /** Executed actions whose verification time has come. */
  public List<HealingAction> dueForVerification(Connection c, Instant now) throws SQLException {
    return list(
        c,
        "select "
            + COLUMNS
            + " from healing_action where status = 'executed' and verify_at <= ?"
            + " order by verify_at",
        Timestamp.from(now));
  }

  /** The tenant's history, newest first, optionally for one diagnosis. */
  public List<HealingAction> page(
      Connection c, String tenant, UUID diagnosisId, Instant beforeAt, UUID beforeId, int n)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("select " + COLUMNS + " from healing_action where tenant_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant));
    if (diagnosisId != null) {
      sql.append(" and diagnosis_id = ?");
      args.add(diagnosisId);
    }
    if (beforeAt != null) {
      sql.append(" and (created_at, id) < (?, ?)");
      args.add(Timestamp.from(beforeAt));
      args.add(beforeId);
    }
    sql.append(" order by created_at desc, id desc limit ?");
    args.add(n);
    return list(c, sql.toString(), args.toArray());
  }

  private static List<HealingAction> list(Connection c, String sql, Object... args)
      throws SQLException {
    List<HealingAction> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String previous = rs.getString(10);
          out.add(
              new HealingAction(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  ActionType.parse(rs.getString(3)),
                  rs.getString(4),
                  Json.read(rs.getString(5), new TypeReference<Map<String, String>>() {}),
                  Risk.parse(rs.getString(6)),
                  ActionStatus.parse(rs.getString(7)),
                  rs.getString(8),
                  rs.getBoolean(9),
                  previous == null
                      ? Map.of()
                      : Json.read(previous, new TypeReference<Map<String, String>>() {}),
                  instant(rs, 11),
                  instant(rs, 12),
                  instant(rs, 13),
                  instant(rs, 14),
                  rs.getString(15)));
        }
      }
    }
    return out;
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
