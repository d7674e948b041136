package io.membank.cost.price;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The versioned price table. Rows are only ever added. */
@ApplicationScoped
public class PriceStore {

  private static final String COLUMNS =
      "provider, model, token_kind, usd_per_million, effective_from, source, created_by,"
          + " created_at";

  private final AgroalDataSource db;

  PriceStore(AgroalDataSource db) {
    this.db = db;
  }

  /** The price of every provider / model / kind in force at the instant. */
  public List<Price> inForceAt(OffsetDateTime at) {
    return list(
        "select distinct on (provider, model, token_kind) "
            + COLUMNS
            + " from price where effective_from <= ?"
            + " order by provider, model, token_kind, effective_from desc",
        at);
  }

  /** Every version of the prices of a provider, optionally one model, newest first. */
  public List<Price> history(String provider, String model) {
    return list(
        "select "
            + COLUMNS
            + " from price where provider = ? and (cast(? as text) is null or model = ?)"
            + " order by model, token_kind, effective_from desc",
        provider,
        model,
        model);
  }

  /** Whether a version of this model's prices already starts at the instant. */
  public boolean exists(String provider, String model, OffsetDateTime effectiveFrom) {
    return !list(
            "select "
                + COLUMNS
                + " from price where provider = ? and model = ?"
                + " and effective_from = ?",
            provider,
            model,
            effectiveFrom)
        .isEmpty();
  }

  /** Adds one version. Needs a transaction. */
  public void add(Price p) {
    try (Connection c = db.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into price (provider, model, token_kind, usd_per_million,"
                    + " effective_from, source, created_by) values (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, p.provider());
      insert.setString(2, p.model());
      insert.setString(3, p.tokenKind().stored());
      insert.setBigDecimal(4, p.usdPerMillion());
      insert.setObject(5, p.effectiveFrom());
      insert.setString(6, p.source());
      insert.setString(7, p.createdBy());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("price not added: " + e.getMessage(), e);
    }
  }

  private List<Price> list(String sql, Object... args) {
    List<Price> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        q.setObject(i + 1, args[i]);
      }
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          out.add(
              new Price(
                  rows.getString(1),
                  rows.getString(2),
                  TokenKind.ofStored(rows.getString(3)),
                  rows.getBigDecimal(4),
                  rows.getObject(5, OffsetDateTime.class),
                  rows.getString(6),
                  rows.getString(7),
                  rows.getObject(8, OffsetDateTime.class)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("prices not read: " + e.getMessage(), e);
    }
    return out;
  }
}
