package io.membank.cost.budget;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.Period;
import io.membank.contracts.BudgetDecision.State;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Budgets, the last decision per tenant, and the spend they are measured against. */
@ApplicationScoped
public class BudgetStore {

  private static final String BUDGET_COLUMNS =
      "id, tenant_id, period, limit_usd, warn_at, degrade_at, stop_at, degrade_model, version,"
          + " updated_by, updated_at";

  private final AgroalDataSource db;

  BudgetStore(AgroalDataSource db) {
    this.db = db;
  }

  /** The tenant's own budgets and the global ones. */
  public List<Budget> applicable(String tenant) {
    return budgets(
        "select "
            + BUDGET_COLUMNS
            + " from budget where tenant_id = ? or tenant_id is null"
            + " order by tenant_id nulls last, period",
        tenant);
  }

  /** The global budgets. */
  public List<Budget> global() {
    return budgets(
        "select " + BUDGET_COLUMNS + " from budget where tenant_id is null order by period");
  }

  /** The budget of a scope (tenant, or null for global) and period. */
  public Optional<Budget> find(String tenant, Period period) {
    return budgets(
            "select "
                + BUDGET_COLUMNS
                + " from budget"
                + " where coalesce(tenant_id, '') = coalesce(?, '') and period = ?",
            tenant,
            name(period))
        .stream()
        .findFirst();
  }

  /** Creates or replaces the budget of its scope and period. Needs a transaction. */
  public void save(Budget b) {
    update(
        """
        insert into budget (id, tenant_id, period, limit_usd, warn_at, degrade_at, stop_at,
            degrade_model, version, updated_by, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (coalesce(tenant_id, ''), period) do update set
            limit_usd = excluded.limit_usd, warn_at = excluded.warn_at,
            degrade_at = excluded.degrade_at, stop_at = excluded.stop_at,
            degrade_model = excluded.degrade_model, version = excluded.version,
            updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """,
        b.id(),
        b.tenantId(),
        name(b.period()),
        b.limitUsd(),
        b.warnAt(),
        b.degradeAt(),
        b.stopAt(),
        b.degradeModel(),
        b.version(),
        b.updatedBy(),
        b.updatedAt());
  }

  /** Deletes the budget of a scope and period; whether there was one. Needs a transaction. */
  public boolean delete(String tenant, Period period) {
    return update(
            "delete from budget where coalesce(tenant_id, '') = coalesce(?, '') and period = ?",
            tenant,
            name(period))
        > 0;
  }

  /** USD spent by the tenant (or by all tenants when null) since the instant (a UTC day start). */
  public BigDecimal spentSince(String tenant, OffsetDateTime since) {
    String sql =
        tenant == null
            ? "select coalesce(sum(cost_usd), 0) from usage_daily where bucket >= ?"
            : "select coalesce(sum(cost_usd), 0) from usage_daily"
                + " where tenant_id = ? and bucket >= ?";
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      int i = 1;
      if (tenant != null) {
        q.setString(i++, tenant);
      }
      q.setObject(i, since);
      try (ResultSet row = q.executeQuery()) {
        row.next();
        return row.getBigDecimal(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("spend not read: " + e.getMessage(), e);
    }
  }

  /**
   * Serialises decisions of one tenant (consumer and scheduler may evaluate it at once) until the
   * transaction ends. Needs a transaction.
   */
  public void lockTenant(String tenant) {
    query("select pg_advisory_xact_lock(hashtext(?))", tenant);
  }

  /** The last decision published for the tenant. */
  public Optional<BudgetDecision> state(String tenant) {
    List<BudgetDecision> states =
        states("select " + STATE_COLUMNS + " from budget_state where tenant_id = ?", tenant);
    return states.stream().findFirst();
  }

  /** Every tenant's last decision. */
  public List<BudgetDecision> states() {
    return states("select " + STATE_COLUMNS + " from budget_state order by tenant_id");
  }

  /**
   * Tenants to evaluate without new usage: those not in normal state, those with their own budget
   * and, while a global budget exists, those that spent this month.
   */
  public List<String> tenantsToRecheck(OffsetDateTime monthStart) {
    List<String> tenants = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                """
                select tenant_id from budget_state where state <> 'normal'
                union select tenant_id from budget where tenant_id is not null
                union select distinct tenant_id from usage_daily
                  where bucket >= ? and exists (select 1 from budget where tenant_id is null)
                """)) {
      q.setObject(1, monthStart);
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          tenants.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("tenants not read: " + e.getMessage(), e);
    }
    return tenants;
  }

  /** Stores the decision as the tenant's last one. Needs a transaction. */
  public void saveState(BudgetDecision d) {
    update(
        """
        insert into budget_state (tenant_id, state, period, period_start, spent_usd, limit_usd,
            degrade_model, version, decided_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (tenant_id) do update set
            state = excluded.state, period = excluded.period,
            period_start = excluded.period_start, spent_usd = excluded.spent_usd,
            limit_usd = excluded.limit_usd, degrade_model = excluded.degrade_model,
            version = excluded.version, decided_at = excluded.decided_at
        """,
        d.tenantId(),
        name(d.state()),
        name(d.period()),
        d.periodStart(),
        BigDecimal.valueOf(d.spentUsd()),
        BigDecimal.valueOf(d.limitUsd()),
        d.degradeModel(),
        d.version(),
        d.decidedAt());
  }

  private static final String STATE_COLUMNS =
      "tenant_id, state, degrade_model, period, period_start, spent_usd, limit_usd, version,"
          + " decided_at";

  private List<BudgetDecision> states(String sql, Object... args) {
    List<BudgetDecision> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = prepare(c, sql, args);
        ResultSet rows = q.executeQuery()) {
      while (rows.next()) {
        out.add(
            new BudgetDecision(
                rows.getString(1),
                State.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)),
                rows.getString(3),
                Period.valueOf(rows.getString(4).toUpperCase(Locale.ROOT)),
                rows.getObject(5, OffsetDateTime.class),
                rows.getBigDecimal(6).doubleValue(),
                rows.getBigDecimal(7).doubleValue(),
                rows.getLong(8),
                rows.getObject(9, OffsetDateTime.class),
                null));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("budget state not read: " + e.getMessage(), e);
    }
    return out;
  }

  private List<Budget> budgets(String sql, Object... args) {
    List<Budget> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = prepare(c, sql, args);
        ResultSet rows = q.executeQuery()) {
      while (rows.next()) {
        out.add(
            new Budget(
                rows.getObject(1, java.util.UUID.class),
                rows.getString(2),
                Period.valueOf(rows.getString(3).toUpperCase(Locale.ROOT)),
                rows.getBigDecimal(4),
                rows.getBigDecimal(5),
                rows.getBigDecimal(6),
                rows.getBigDecimal(7),
                rows.getString(8),
                rows.getLong(9),
                rows.getString(10),
                rows.getObject(11, OffsetDateTime.class)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("budgets not read: " + e.getMessage(), e);
    }
    return out;
  }

  private int update(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement q = prepare(c, sql, args)) {
      return q.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("budget write failed: " + e.getMessage(), e);
    }
  }

  private void query(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement q = prepare(c, sql, args);
        ResultSet ignored = q.executeQuery()) {
      // executed for its effect
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement q = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      q.setObject(i + 1, args[i]);
    }
    return q;
  }

  /** The wire and database name of an enum constant (lower case). */
  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
