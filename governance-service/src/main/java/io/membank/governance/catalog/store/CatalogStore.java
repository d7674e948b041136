package io.membank.governance.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.agroal.api.AgroalDataSource;
import io.membank.governance.catalog.domain.Catalog;
import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.Classifier;
import io.membank.governance.catalog.domain.DatasetDescriptor;
import io.membank.governance.catalog.domain.DatasetKind;
import io.membank.governance.catalog.domain.FlowDescriptor;
import io.membank.governance.catalog.domain.LineageGraph;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The catalog's datasets, their versions, the flows and the classification proposals. */
@ApplicationScoped
public class CatalogStore {

  /** Filters of a listing; null means any. */
  public record Filter(String q, Classification classification, String owner, DatasetKind kind) {}

  /** One page of datasets and how many match in all. */
  public record Page(List<StoredDataset> datasets, long total) {}

  /** What a load of the descriptors changed. */
  public record LoadCounts(int added, int changed, int unchanged, int retired) {}

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .findAndRegisterModules()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final String COLUMNS =
      "id, owner_service, definition::text, version, digest, declared_classification,"
          + " confirmed_classification, confirmed_by, confirmed_at, loaded_at, retired_at";

  private final AgroalDataSource dataSource;

  public CatalogStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Upserts every dataset of the catalog: new ones at version 1, changed ones (digest differs) at
   * version n+1 with the old version kept, unchanged ones untouched; datasets no longer described
   * are retired; the flows are replaced. Serialised across instances by an advisory lock.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public LoadCounts load(Catalog catalog, OffsetDateTime now) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement lock =
          c.prepareStatement("select pg_advisory_xact_lock(hashtextextended('catalog-load', 0))")) {
        lock.execute();
      }
      Map<String, String[]> existing = new HashMap<>();
      try (PreparedStatement select =
              c.prepareStatement(
                  "select id, digest, version, retired_at is not null from catalog_dataset");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          existing.put(
              rows.getString(1),
              new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
        }
      }
      int added = 0;
      int changed = 0;
      int unchanged = 0;
      for (Catalog.Entry entry : catalog.datasets().values()) {
        String definition = json(entry.dataset());
        String digest = Digests.sha256(entry.owner() + "\n" + definition);
        String[] held = existing.remove(entry.id());
        if (held == null) {
          insertDataset(c, entry, definition, digest, now);
          insertVersion(c, entry.id(), 1, digest, definition, now);
          added++;
        } else if (!held[0].equals(digest) || Boolean.parseBoolean(held[2])) {
          int version = Integer.parseInt(held[1]) + (held[0].equals(digest) ? 0 : 1);
          updateDataset(c, entry, definition, digest, version, now);
          if (!held[0].equals(digest)) {
            insertVersion(c, entry.id(), version, digest, definition, now);
          }
          changed++;
        } else {
          unchanged++;
        }
      }
      int retired = 0;
      try (PreparedStatement retire =
          c.prepareStatement(
              "update catalog_dataset set retired_at = ? where id = ? and retired_at is null")) {
        for (String gone : existing.keySet()) {
          retire.setObject(1, now);
          retire.setString(2, gone);
          retired += retire.executeUpdate();
        }
      }
      replaceFlows(c, catalog.flows());
      return new LoadCounts(added, changed, unchanged, retired);
    } catch (SQLException e) {
      throw new IllegalStateException("loading the data catalog failed", e);
    }
  }

  private static void insertDataset(
      Connection c, Catalog.Entry entry, String definition, String digest, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into catalog_dataset (id, kind, owner_service, name, declared_classification,"
                + " version, digest, definition, loaded_at) values (?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
      DatasetDescriptor d = entry.dataset();
      insert.setString(1, entry.id());
      insert.setString(2, d.kind().wireName());
      insert.setString(3, entry.owner());
      insert.setString(4, d.name());
      insert.setString(5, d.classification().wireName());
      insert.setString(6, digest);
      insert.setObject(7, definition, Types.OTHER);
      insert.setObject(8, now);
      insert.executeUpdate();
    }
  }

  private static void updateDataset(
      Connection c,
      Catalog.Entry entry,
      String definition,
      String digest,
      int version,
      OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "update catalog_dataset set kind = ?, owner_service = ?, name = ?,"
                + " declared_classification = ?, version = ?, digest = ?, definition = ?,"
                + " loaded_at = ?, retired_at = null where id = ?")) {
      DatasetDescriptor d = entry.dataset();
      update.setString(1, d.kind().wireName());
      update.setString(2, entry.owner());
      update.setString(3, d.name());
      update.setString(4, d.classification().wireName());
      update.setInt(5, version);
      update.setString(6, digest);
      update.setObject(7, definition, Types.OTHER);
      update.setObject(8, now);
      update.setString(9, entry.id());
      update.executeUpdate();
    }
  }

  private static void insertVersion(
      Connection c, String id, int version, String digest, String definition, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into catalog_dataset_version (dataset_id, version, digest, definition,"
                + " loaded_at) values (?, ?, ?, ?, ?) on conflict do nothing")) {
      insert.setString(1, id);
      insert.setInt(2, version);
      insert.setString(3, digest);
      insert.setObject(4, definition, Types.OTHER);
      insert.setObject(5, now);
      insert.executeUpdate();
    }
  }

  private static void replaceFlows(Connection c, List<Catalog.Flow> flows) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("delete from catalog_flow")) {
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into catalog_flow (service, name, description, inputs, outputs)"
                + " values (?, ?, ?, ?, ?)")) {
      for (Catalog.Flow f : flows) {
        FlowDescriptor flow = f.flow();
        insert.setString(1, f.service());
        insert.setString(2, flow.name());
        insert.setString(3, flow.description());
        insert.setArray(4, c.createArrayOf("text", flow.from().toArray()));
        insert.setArray(5, c.createArrayOf("text", flow.to().toArray()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The current datasets matching the filter, by id. */
  public Page list(Filter filter, int limit, int offset) {
    StringBuilder where = new StringBuilder(" where retired_at is null");
    List<Object> args = new ArrayList<>();
    if (filter.q() != null && !filter.q().isBlank()) {
      String like = "%" + escapeLike(filter.q().strip().toLowerCase(Locale.ROOT)) + "%";
      where.append(
          " and (lower(id) like ? escape '\\' or lower(definition->>'description') like ?"
              + " escape '\\' or exists (select 1 from jsonb_array_elements(definition->'fields')"
              + " f where lower(f->>'name') like ? escape '\\'))");
      args.add(like);
      args.add(like);
      args.add(like);
    }
    if (filter.classification() != null) {
      where.append(" and coalesce(confirmed_classification, declared_classification) = ?");
      args.add(filter.classification().wireName());
    }
    if (filter.owner() != null) {
      where.append(" and owner_service = ?");
      args.add(filter.owner());
    }
    if (filter.kind() != null) {
      where.append(" and kind = ?");
      args.add(filter.kind().wireName());
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement count =
            c.prepareStatement("select count(*) from catalog_dataset" + where);
        PreparedStatement select =
            c.prepareStatement(
                "select "
                    + COLUMNS
                    + " from catalog_dataset"
                    + where
                    + " order by id limit ? offset ?")) {
      bind(count, args);
      long total;
      try (ResultSet row = count.executeQuery()) {
        row.next();
        total = row.getLong(1);
      }
      bind(select, args);
      select.setInt(args.size() + 1, limit);
      select.setInt(args.size() + 2, offset);
      List<StoredDataset> page = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          page.add(dataset(rows));
        }
      }
      return new Page(page, total);
    } catch (SQLException e) {
      throw new IllegalStateException("listing the data catalog failed", e);
    }
  }

  /** The dataset of that id, retired ones included. */
  public Optional<StoredDataset> get(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("select " + COLUMNS + " from catalog_dataset where id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(dataset(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading a dataset failed", e);
    }
  }

  /** Every current dataset as a lineage node. */
  public List<LineageGraph.DatasetNode> lineageDatasets() {
    List<LineageGraph.DatasetNode> nodes = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select id, kind, name, owner_service,"
                    + " coalesce(confirmed_classification, declared_classification)"
                    + " from catalog_dataset where retired_at is null order by id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        nodes.add(
            new LineageGraph.DatasetNode(
                rows.getString(1),
                DatasetKind.parse(rows.getString(2)).orElseThrow(),
                rows.getString(3),
                rows.getString(4),
                Classification.parse(rows.getString(5)).orElseThrow()));
      }
      return nodes;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the lineage failed", e);
    }
  }

  /** Every flow as a lineage node, by service and name. */
  public List<LineageGraph.FlowNode> lineageFlows() {
    List<LineageGraph.FlowNode> flows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select service, name, inputs, outputs from catalog_flow order by service, name");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        flows.add(
            new LineageGraph.FlowNode(
                rows.getString(1),
                rows.getString(2),
                strings(rows.getArray(3)),
                strings(rows.getArray(4))));
      }
      return flows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the lineage failed", e);
    }
  }

  /** Supersedes the dataset's open proposals and adds this one. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void propose(StoredProposal p) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement supersede =
            c.prepareStatement(
                "update catalog_classification set status = 'superseded'"
                    + " where dataset_id = ? and status = 'proposed'");
        PreparedStatement insert =
            c.prepareStatement(
                "insert into catalog_classification (id, dataset_id, dataset_version, proposed,"
                    + " evidence, source, status, proposed_by, proposed_at)"
                    + " values (?, ?, ?, ?, ?, ?, 'proposed', ?, ?)")) {
      supersede.setString(1, p.datasetId());
      supersede.executeUpdate();
      insert.setObject(1, p.id());
      insert.setString(2, p.datasetId());
      insert.setInt(3, p.datasetVersion());
      insert.setString(4, p.proposed().wireName());
      insert.setObject(5, JSON.writeValueAsString(p.evidence()), Types.OTHER);
      insert.setString(6, p.source().name().toLowerCase(Locale.ROOT));
      insert.setString(7, p.proposedBy());
      insert.setObject(8, p.proposedAt());
      insert.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("storing a classification proposal failed", e);
    }
  }

  /** The proposal, locked for update when inside a transaction. */
  public Optional<StoredProposal> proposal(UUID id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select id, dataset_id, dataset_version, proposed, evidence::text, source, status,"
                    + " proposed_by, proposed_at, confirmed_classification, confirmed_by,"
                    + " confirmed_at from catalog_classification where id = ? for update")) {
      select.setObject(1, id);
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredProposal(
                r.getObject(1, UUID.class),
                r.getString(2),
                r.getInt(3),
                Classification.parse(r.getString(4)).orElseThrow(),
                JSON.readValue(r.getString(5), Classifier.Evidence.class),
                StoredProposal.Source.valueOf(r.getString(6).toUpperCase(Locale.ROOT)),
                StoredProposal.Status.valueOf(r.getString(7).toUpperCase(Locale.ROOT)),
                r.getString(8),
                r.getObject(9, OffsetDateTime.class),
                Classification.parse(r.getString(10)).orElse(null),
                r.getString(11),
                r.getObject(12, OffsetDateTime.class)));
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("reading a classification proposal failed", e);
    }
  }

  /** Marks the proposal confirmed with the admin's classification and sets it on the dataset. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void confirm(
      UUID proposal, String datasetId, Classification level, String by, OffsetDateTime at) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement mark =
            c.prepareStatement(
                "update catalog_classification set status = 'confirmed',"
                    + " confirmed_classification = ?, confirmed_by = ?, confirmed_at = ?"
                    + " where id = ?");
        PreparedStatement set =
            c.prepareStatement(
                "update catalog_dataset set confirmed_classification = ?, confirmed_by = ?,"
                    + " confirmed_at = ? where id = ?")) {
      mark.setString(1, level.wireName());
      mark.setString(2, by);
      mark.setObject(3, at);
      mark.setObject(4, proposal);
      mark.executeUpdate();
      set.setString(1, level.wireName());
      set.setString(2, by);
      set.setObject(3, at);
      set.setString(4, datasetId);
      set.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("confirming a classification failed", e);
    }
  }

  private static StoredDataset dataset(ResultSet r) throws SQLException {
    try {
      return new StoredDataset(
          r.getString(1),
          r.getString(2),
          JSON.readValue(r.getString(3), DatasetDescriptor.class),
          r.getInt(4),
          r.getString(5),
          Classification.parse(r.getString(6)).orElseThrow(),
          Classification.parse(r.getString(7)).orElse(null),
          r.getString(8),
          r.getObject(9, OffsetDateTime.class),
          r.getObject(10, OffsetDateTime.class),
          r.getObject(11, OffsetDateTime.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored dataset definition is unreadable", e);
    }
  }

  static String json(DatasetDescriptor d) {
    try {
      return JSON.writeValueAsString(d);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("dataset not serializable: " + d.name(), e);
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      s.setObject(i + 1, args.get(i));
    }
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
