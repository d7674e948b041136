package io.membank.governance.apikeys.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The tenants' API keys in PostgreSQL ({@code api_key}); every query is scoped to a tenant. */
@ApplicationScoped
public class ApiKeyStore {

  /** Where a page of the listing starts: after this (created_at, key_id), newest first. */
  public record After(OffsetDateTime createdAt, String keyId) {}

  private static final String COLUMNS =
      "key_id, tenant_id, name, roles, user_id, agent_id, expires_at, created_at, created_by,"
          + " version, secret_hash, previous_secret_hash, previous_valid_until, rotated_at,"
          + " revoked_at, revoked_by";

  private final AgroalDataSource dataSource;

  public ApiKeyStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Adds a new key. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void insert(StoredKey key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into api_key ("
                    + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(c, insert, key);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("storing an API key failed", e);
    }
  }

  /** Replaces the mutable part of a key (secrets, rotation, revocation, version). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void update(StoredKey key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "update api_key set version = ?, secret_hash = ?, previous_secret_hash = ?,"
                    + " previous_valid_until = ?, rotated_at = ?, revoked_at = ?, revoked_by = ?"
                    + " where tenant_id = ? and key_id = ? and version = ?")) {
      update.setLong(1, key.version());
      update.setString(2, key.secretHash());
      update.setString(3, key.previousSecretHash());
      setTime(update, 4, key.previousValidUntil());
      setTime(update, 5, key.rotatedAt());
      setTime(update, 6, key.revokedAt());
      update.setString(7, key.revokedBy());
      update.setString(8, key.tenantId());
      update.setString(9, key.keyId());
      update.setLong(10, key.version() - 1);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("API key " + key.keyId() + " changed concurrently");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("updating an API key failed", e);
    }
  }

  /** The tenant's key, locked until the transaction ends (changes of one key are serialized). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<StoredKey> lock(String tenantId, String keyId) {
    return one(
        "select " + COLUMNS + " from api_key where tenant_id = ? and key_id = ? for update",
        tenantId,
        keyId);
  }

  /** The tenant's key. */
  public Optional<StoredKey> find(String tenantId, String keyId) {
    return one(
        "select " + COLUMNS + " from api_key where tenant_id = ? and key_id = ?", tenantId, keyId);
  }

  /**
   * Locks the tenant's key list until the transaction ends (two concurrent creations must not both
   * pass the limit), then counts its keys that are neither revoked nor expired.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int lockAndCountActive(String tenantId, OffsetDateTime now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement lock =
            c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 16))");
        PreparedStatement count =
            c.prepareStatement(
                "select count(*) from api_key where tenant_id = ? and revoked_at is null"
                    + " and (expires_at is null or expires_at > ?)")) {
      lock.setString(1, "api_key:" + tenantId);
      lock.execute();
      count.setString(1, tenantId);
      count.setObject(2, now);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("counting API keys failed", e);
    }
  }

  /** A page of the tenant's keys, newest first, optionally only those in one state. */
  public List<StoredKey> page(
      String tenantId, StoredKey.State state, OffsetDateTime now, After after, int limit) {
    StringBuilder sql =
        new StringBuilder("select " + COLUMNS + " from api_key where tenant_id = ?");
    if (state != null) {
      sql.append(
          switch (state) {
            case REVOKED -> " and revoked_at is not null";
            case EXPIRED -> " and revoked_at is null and expires_at <= ?";
            case ACTIVE -> " and revoked_at is null and (expires_at is null or expires_at > ?)";
          });
    }
    if (after != null) {
      sql.append(" and (created_at, key_id) < (?, ?)");
    }
    sql.append(" order by created_at desc, key_id desc limit ?");
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql.toString())) {
      int i = 1;
      select.setString(i++, tenantId);
      if (state == StoredKey.State.EXPIRED || state == StoredKey.State.ACTIVE) {
        select.setObject(i++, now);
      }
      if (after != null) {
        select.setObject(i++, after.createdAt());
        select.setString(i++, after.keyId());
      }
      select.setInt(i, limit);
      List<StoredKey> keys = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(read(rows));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw new IllegalStateException("listing API keys failed", e);
    }
  }

  private Optional<StoredKey> one(String sql, String tenantId, String keyId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, tenantId);
      select.setString(2, keyId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading an API key failed", e);
    }
  }

  private static void bind(Connection c, PreparedStatement s, StoredKey key) throws SQLException {
    s.setString(1, key.keyId());
    s.setString(2, key.tenantId());
    s.setString(3, key.name());
    s.setArray(4, c.createArrayOf("text", key.roles().toArray()));
    s.setString(5, key.userId());
    s.setString(6, key.agentId());
    setTime(s, 7, key.expiresAt());
    setTime(s, 8, key.createdAt());
    s.setString(9, key.createdBy());
    s.setLong(10, key.version());
    s.setString(11, key.secretHash());
    s.setString(12, key.previousSecretHash());
    setTime(s, 13, key.previousValidUntil());
    setTime(s, 14, key.rotatedAt());
    setTime(s, 15, key.revokedAt());
    s.setString(16, key.revokedBy());
  }

  private static void setTime(PreparedStatement s, int index, OffsetDateTime at)
      throws SQLException {
    if (at == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, at);
    }
  }

  private static StoredKey read(ResultSet r) throws SQLException {
    Array roles = r.getArray("roles");
    return new StoredKey(
        r.getString("key_id"),
        r.getString("tenant_id"),
        r.getString("name"),
        List.copyOf(Arrays.asList((String[]) roles.getArray())),
        r.getString("user_id"),
        r.getString("agent_id"),
        r.getObject("expires_at", OffsetDateTime.class),
        r.getObject("created_at", OffsetDateTime.class),
        r.getString("created_by"),
        r.getLong("version"),
        r.getString("secret_hash"),
        r.getString("previous_secret_hash"),
        r.getObject("previous_valid_until", OffsetDateTime.class),
        r.getObject("rotated_at", OffsetDateTime.class),
        r.getObject("revoked_at", OffsetDateTime.class),
        r.getString("revoked_by"));
  }
}
