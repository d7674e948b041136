package io.membank.governance.policy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.EventJson;
import io.membank.contracts.PolicySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** The versions of each tenant's privacy policy (append-only), in PostgreSQL. */
@ApplicationScoped
public class PolicyStore {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final AgroalDataSource dataSource;

  public PolicyStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The tenant's policy in force, if it ever had one. */
  public Optional<PolicySnapshot> current(String tenantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select document::text from privacy_policy where tenant_id = ?"
                    + " order by version desc limit 1")) {
      select.setString(1, tenantId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(JSON.readValue(row.getString(1), PolicySnapshot.class))
            : Optional.empty();
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("reading the policy of a tenant failed", e);
    }
  }

  /**
   * The next version number of a tenant's policy, holding a transaction-scoped lock on the tenant
   * so that two concurrent changes get different versions.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public long lockNextVersion(String tenantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement lock =
            c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 16))");
        PreparedStatement next =
            c.prepareStatement(
                "select coalesce(max(version), 0) + 1 from privacy_policy where tenant_id = ?")) {
      lock.setString(1, "privacy_policy:" + tenantId);
      lock.execute();
      next.setString(1, tenantId);
      try (ResultSet row = next.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("locking the policy of a tenant failed", e);
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void insert(PolicySnapshot policy) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into privacy_policy (tenant_id, version, document, updated_at, updated_by)"
                    + " values (?, ?, ?, ?, ?)")) {
      insert.setString(1, policy.tenantId());
      insert.setLong(2, policy.version());
      insert.setObject(3, JSON.writeValueAsString(policy), Types.OTHER);
      insert.setObject(4, policy.updatedAt());
      insert.setString(5, policy.updatedBy());
      insert.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("storing a policy failed", e);
    }
  }
}
