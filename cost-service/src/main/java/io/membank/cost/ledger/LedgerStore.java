package io.membank.cost.ledger;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The usage rows and their hourly and daily aggregates, in PostgreSQL. */
@ApplicationScoped
public class LedgerStore {

  /** What recording a usage produced. */
  public record Recorded(BigDecimal costUsd, boolean priced) {}

  /** What a re-pricing changed. */
  public record Repriced(
      @Schema(description = "How many usage events were priced again", example = "1200")
          long events,
      @Schema(description = "Their cost before, in USD", example = "1.25")
          BigDecimal previousCostUsd,
      @Schema(description = "Their cost now, in USD", example = "1.31") BigDecimal newCostUsd) {}

  private static final String INSERT =
      """
      insert into usage_event (event_id, tenant_id, occurred_at, service, provider, model,
          operation, tokens_in, tokens_cached_in, tokens_out, latency_ms, cached, success,
          user_key, prompt_hash, cost_usd, priced, priced_at)
      select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(p.cost, 0), p.cost is not null,
          now()
      from (select usage_cost(?, ?, ?, ?, ?, ?) as cost) p
      on conflict (event_id) do nothing
      returning cost_usd, priced
      """;

  private static final String ADD_TO =
      """
      insert into %1$s (tenant_id, bucket, service, operation, provider, model, calls,
          tokens_in, tokens_out, cost_usd)
      values (?, date_trunc('%2$s', ?::timestamptz, 'UTC'), ?, ?, ?, ?, 1, ?, ?, ?)
      on conflict (tenant_id, bucket, service, operation, provider, model) do update set
          calls = %1$s.calls + 1,
          tokens_in = %1$s.tokens_in + excluded.tokens_in,
          tokens_out = %1$s.tokens_out + excluded.tokens_out,
          cost_usd = %1$s.cost_usd + excluded.cost_usd
      """;

  private static final String REBUILD =
      """
      insert into %1$s (tenant_id, bucket, service, operation, provider, model, calls,
          tokens_in, tokens_out, cost_usd)
      select tenant_id, date_trunc('%2$s', occurred_at, 'UTC'), service, operation, provider,
          model, count(*), sum(tokens_in), sum(tokens_out), sum(cost_usd)
      from usage_event where occurred_at >= ? and occurred_at < ?
      group by 1, 2, 3, 4, 5, 6
      """;

  private final AgroalDataSource db;

  LedgerStore(AgroalDataSource db) {
    this.db = db;
  }

  /**
   * Inserts the usage priced at the prices in force at its time and adds it to the aggregates;
   * empty when the event was recorded before (redelivery). Needs a transaction.
   */
  public Optional<Recorded> insert(Usage u) throws SQLException {
    try (Connection c = db.getConnection()) {
      Recorded recorded;
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        int i = 1;
        insert.setString(i++, u.eventId());
        insert.setString(i++, u.tenantId());
        insert.setObject(i++, u.occurredAt());
        insert.setString(i++, u.service());
        insert.setString(i++, u.provider());
        insert.setString(i++, u.model());
        insert.setString(i++, u.operation());
        insert.setLong(i++, u.tokensIn());
        insert.setLong(i++, u.tokensCachedIn());
        insert.setLong(i++, u.tokensOut());
        insert.setLong(i++, u.latencyMs());
        insert.setBoolean(i++, u.cached());
        insert.setBoolean(i++, u.success());
        insert.setString(i++, u.userKey());
        insert.setString(i++, u.promptHash());
        insert.setString(i++, u.provider());
        insert.setString(i++, u.model());
        insert.setObject(i++, u.occurredAt());
        insert.setLong(i++, u.tokensIn());
        insert.setLong(i++, u.tokensCachedIn());
        insert.setLong(i, u.tokensOut());
        try (ResultSet row = insert.executeQuery()) {
          if (!row.next()) {
            return Optional.empty();
          }
          recorded = new Recorded(row.getBigDecimal(1), row.getBoolean(2));
        }
      }
      addTo(c, Granularity.HOUR, u, recorded.costUsd());
      addTo(c, Granularity.DAY, u, recorded.costUsd());
      return Optional.of(recorded);
    }
  }

  private static void addTo(Connection c, Granularity g, Usage u, BigDecimal cost)
      throws SQLException {
    try (PreparedStatement add = c.prepareStatement(ADD_TO.formatted(g.table(), g.truncation()))) {
      add.setString(1, u.tenantId());
      add.setObject(2, u.occurredAt());
      add.setString(3, u.service());
      add.setString(4, u.operation());
      add.setString(5, u.provider());
      add.setString(6, u.model());
      add.setLong(7, u.tokensIn());
      add.setLong(8, u.tokensOut());
      add.setBigDecimal(9, cost);
      add.executeUpdate();
    }
  }

  /**
   * Prices every usage that occurred in [from, to) again at the prices in force at its time and
   * rebuilds the aggregates of the whole UTC days touched. Blocks new usage for the duration (the
   * aggregates are locked), so no increment is lost between delete and rebuild. Needs a
   * transaction.
   */
  public Repriced reprice(OffsetDateTime from, OffsetDateTime to) throws SQLException {
    try (Connection c = db.getConnection()) {
      try (Statement lock = c.createStatement()) {
        lock.execute("lock table usage_hourly, usage_daily in exclusive mode");
      }
      BigDecimal before = sum(c, from, to);
      long events;
      try (PreparedStatement update =
          c.prepareStatement(
              """
              update usage_event set
                  cost_usd = coalesce(usage_cost(provider, model, occurred_at, tokens_in,
                      tokens_cached_in, tokens_out), 0),
                  priced = usage_cost(provider, model, occurred_at, tokens_in,
                      tokens_cached_in, tokens_out) is not null,
                  priced_at = now()
              where occurred_at >= ? and occurred_at < ?
              """)) {
        update.setObject(1, from);
        update.setObject(2, to);
        events = update.executeUpdate();
      }
      BigDecimal after = sum(c, from, to);
      OffsetDateTime dayFrom = Granularity.DAY.floor(from);
      OffsetDateTime dayTo = Granularity.DAY.ceil(to);
      for (Granularity g : Granularity.values()) {
        try (PreparedStatement delete =
            c.prepareStatement("delete from " + g.table() + " where bucket >= ? and bucket < ?")) {
          delete.setObject(1, dayFrom);
          delete.setObject(2, dayTo);
          delete.executeUpdate();
        }
        try (PreparedStatement rebuild =
            c.prepareStatement(REBUILD.formatted(g.table(), g.truncation()))) {
          rebuild.setObject(1, dayFrom);
          rebuild.setObject(2, dayTo);
          rebuild.executeUpdate();
        }
      }
      return new Repriced(events, before, after);
    }
  }

  private static BigDecimal sum(Connection c, OffsetDateTime from, OffsetDateTime to)
      throws SQLException {
    try (PreparedStatement sum =
        c.prepareStatement(
            "select coalesce(sum(cost_usd), 0) from usage_event"
                + " where occurred_at >= ? and occurred_at < ?")) {
      sum.setObject(1, from);
      sum.setObject(2, to);
      try (ResultSet row = sum.executeQuery()) {
        row.next();
        return row.getBigDecimal(1);
      }
    }
  }
}
