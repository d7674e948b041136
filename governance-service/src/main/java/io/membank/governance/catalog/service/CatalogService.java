package io.membank.governance.catalog.service;

import io.membank.governance.catalog.domain.DatasetKind;
import io.membank.governance.catalog.domain.LineageGraph;
import io.membank.governance.catalog.store.CatalogStore;
import io.membank.governance.catalog.store.OwnTables;
import io.membank.governance.catalog.store.StoredDataset;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Reads of the catalog: listing and search, one dataset, lineage, quality. */
@ApplicationScoped
public class CatalogService {

  /** The service whose tables this service may read (its own). */
  public static final String SELF = "governance-service";

  /** A column's nulls among the rows measured. */
  public record FieldQuality(String field, long nulls, Double nullRate) {}

  /**
   * Quality of a dataset: measured only where governance-service can read the store (its own
   * tables); otherwise {@code measured=false} with the reason.
   */
  public record Quality(
      String datasetId,
      boolean measured,
      String reason,
      String scope,
      Long rows,
      List<FieldQuality> fields,
      OffsetDateTime freshest,
      Long ageSeconds,
      OffsetDateTime measuredAt) {}

  private final CatalogStore store;
  private final OwnTables ownTables;

  public CatalogService(CatalogStore store, OwnTables ownTables) {
    this.store = store;
    this.ownTables = ownTables;
  }

  @WithSpan("CatalogService.list")
  public CatalogStore.Page list(CatalogStore.Filter filter, int limit, int offset) {
    return store.list(filter, limit, offset);
  }

  @WithSpan("CatalogService.get")
  public Optional<StoredDataset> get(String id) {
    return store.get(id);
  }

  /** The whole lineage graph, or the part a dataset is in (empty when the id is unknown). */
  @WithSpan("CatalogService.lineage")
  public LineageGraph lineage(Optional<String> datasetId) {
    LineageGraph all = LineageGraph.of(store.lineageDatasets(), store.lineageFlows());
    return datasetId.map(all::around).orElse(all);
  }

  /** Whether governance-service can read the dataset's store itself. */
  public static boolean readable(StoredDataset d) {
    return SELF.equals(d.owner()) && d.definition().kind() == DatasetKind.POSTGRES_TABLE;
  }

  /**
   * Null rates and freshness of a dataset; for tenant data over {@code tenant}'s rows only, unless
   * {@code tenant} is empty (operators: all rows).
   */
  @WithSpan("CatalogService.quality")
  public Quality quality(StoredDataset d, Optional<String> tenant) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (!readable(d)) {
      return new Quality(
          d.id(),
          false,
          "owned by "
              + d.owner()
              + ": governance-service reads no other service's store, so null rates and"
              + " freshness are not measured for it",
          null,
          null,
          List.of(),
          null,
          null,
          now);
    }
    boolean byTenant = tenant.isPresent() && d.definition().tenantField() != null;
    OwnTables.Quality q = ownTables.quality(d.definition(), byTenant ? tenant : Optional.empty());
    List<FieldQuality> fields =
        q.nulls().stream()
            .map(
                n ->
                    new FieldQuality(
                        n.field(), n.nulls(), q.rows() == 0 ? null : (double) n.nulls() / q.rows()))
            .toList();
    return new Quality(
        d.id(),
        true,
        d.definition().freshnessField() == null ? "no freshness field: age not measured" : null,
        byTenant ? "tenant" : "all",
        q.rows(),
        fields,
        q.freshest(),
        q.freshest() == null ? null : Duration.between(q.freshest(), now).toSeconds(),
        now);
  }
}
