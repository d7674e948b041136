package io.membank.audit.shredding;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code subject_key} table: one data key per (tenant, subject), wrapped under the {@link
 * MasterKey}. The only table of the trail whose rows are deleted: deleting a subject's row is the
 * crypto-shredding of everything sealed under it.
 */
@ApplicationScoped
public class SubjectKeys {

  private final DataSource dataSource;
  private final MasterKey master;

  public SubjectKeys(DataSource dataSource, MasterKey master) {
    this.dataSource = dataSource;
    this.master = master;
  }

  /**
   * The keys of the subjects, made where missing, on the caller's connection (its transaction).
   * Callers hold the tenant's chain lock, so no two of them make the same subject's key at once.
   */
  public Map<String, SubjectKey> obtain(Connection c, String tenant, Set<String> subjects)
      throws SQLException {
    Map<String, SubjectKey> keys = new HashMap<>(find(c, tenant, subjects));
    for (String subject : subjects) {
      if (keys.containsKey(subject)) {
        continue;
      }
      UUID id = UUID.randomUUID();
      byte[] material = SubjectKey.newMaterial();
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into subject_key (tenant_id, subject, key_id, wrapped, created_at)"
                  + " values (?, ?, ?, ?, now())")) {
        s.setString(1, tenant);
        s.setString(2, subject);
        s.setObject(3, id);
        s.setBytes(4, master.wrap(material, tenant, subject));
        s.executeUpdate();
      }
      keys.put(subject, new SubjectKey(id, material));
    }
    return keys;
  }

  /** The subject's key, if it has one. */
  public Optional<SubjectKey> find(String tenant, String subject) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, tenant, subject);
    } catch (SQLException e) {
      throw new IllegalStateException("reading subject keys failed", e);
    }
  }

  /** The keys with these ids that still exist (a destroyed key is simply absent). */
  public Map<UUID, SubjectKey> byIds(String tenant, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    try (Connection c = dataSource.getConnection()) {
      return byIds(c, tenant, ids);
    } catch (SQLException e) {
      throw new IllegalStateException("reading subject keys failed", e);
    }
  }

  /** The same on the caller's connection (its transaction). */
  public Map<UUID, SubjectKey> byIds(Connection c, String tenant, Collection<UUID> ids)
      throws SQLException {
    Map<UUID, SubjectKey> keys = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select subject, key_id, wrapped from subject_key"
                + " where tenant_id = ? and key_id = any(?)")) {
      s.setString(1, tenant);
      s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          SubjectKey key = key(tenant, r);
          keys.put(key.id(), key);
        }
      }
    }
    return keys;
  }

  /** The subject's key on the caller's connection, if it has one. */
  public Optional<SubjectKey> find(Connection c, String tenant, String subject)
      throws SQLException {
    return Optional.ofNullable(find(c, tenant, Set.of(subject)).get(subject));
  }

  /**
   * Subjects by pseudonym, for the tenant's subjects that still have a key (reports name subjects,
   * not pseudonyms). One unwrap per subject of the tenant.
   */
  public Map<String, String> names(String tenant) {
    Map<String, String> names = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select subject, key_id, wrapped from subject_key where tenant_id = ?")) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          names.put(key(tenant, r).pseudonym(r.getString(1)), r.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading subject keys failed", e);
    }
    return names;
  }

  /** Deletes the subject's key on the caller's connection; returns how many were deleted. */
  public int destroy(Connection c, String tenant, String subject) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("delete from subject_key where tenant_id = ? and subject = ?")) {
      s.setString(1, tenant);
      s.setString(2, subject);
      return s.executeUpdate();
    }
  }

  private Map<String, SubjectKey> find(Connection c, String tenant, Set<String> subjects)
      throws SQLException {
    Map<String, SubjectKey> keys = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select subject, key_id, wrapped from subject_key"
                + " where tenant_id = ? and subject = any(?)")) {
      s.setString(1, tenant);
      s.setArray(2, c.createArrayOf("text", List.copyOf(subjects).toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keys.put(r.getString(1), key(tenant, r));
        }
      }
    }
    return keys;
  }

  private SubjectKey key(String tenant, ResultSet r) throws SQLException {
    String subject = r.getString(1);
    return new SubjectKey(
        r.getObject(2, UUID.class), master.unwrap(r.getBytes(3), tenant, subject));
  }
}
