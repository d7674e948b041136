package io.membank.governance.vault.store;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.VaultedToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Tokens and their sealed values, per tenant, in PostgreSQL. */
@ApplicationScoped
public class TokenVault {

  /** A stored token: its type and sealed value. */
  public record Entry(String token, String dataType, String ciphertext) {}

  private final AgroalDataSource dataSource;

  public TokenVault(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the token unless the tenant already has it (tokens are derived from values). */
  public void store(VaultedToken token) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into token_vault (tenant_id, token, data_type, ciphertext, service)"
                    + " values (?, ?, ?, ?, ?) on conflict (tenant_id, token) do nothing")) {
      insert.setString(1, token.tenantId());
      insert.setString(2, token.token());
      insert.setString(3, token.dataType());
      insert.setString(4, token.ciphertext());
      insert.setString(5, token.service());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("storing a token failed", e);
    }
  }

  public Optional<Entry> find(String tenantId, String token) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select data_type, ciphertext from token_vault where tenant_id = ? and token = ?")) {
      select.setString(1, tenantId);
      select.setString(2, token);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(new Entry(token, row.getString(1), row.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading a token failed", e);
    }
  }
}
