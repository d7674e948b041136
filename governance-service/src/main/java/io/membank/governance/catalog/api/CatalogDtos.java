package io.membank.governance.catalog.api;

import io.membank.governance.catalog.domain.Classifier;
import io.membank.governance.catalog.domain.FieldDescriptor;
import io.membank.governance.catalog.domain.LineageGraph;
import io.membank.governance.catalog.service.CatalogService;
import io.membank.governance.catalog.store.StoredDataset;
import io.membank.governance.catalog.store.StoredProposal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The catalog API's request and response bodies (snake_case on the wire). */
public final class CatalogDtos {

  private CatalogDtos() {}

  /** A dataset in a listing. */
  public record DatasetSummary(
      String id,
      String kind,
      String name,
      String owner,
      String store,
      String description,
      String classification,
      String declaredClassification,
      boolean confirmed,
      boolean tenantScoped,
      int version) {

    static DatasetSummary of(StoredDataset d) {
      return new DatasetSummary(
          d.id(),
          d.definition().kind().wireName(),
          d.definition().name(),
          d.owner(),
          d.definition().store(),
          d.definition().description(),
          d.classification().wireName(),
          d.declared().wireName(),
          d.confirmed() != null,
          d.definition().tenantField() != null,
          d.version());
    }
  }

  /** One page of datasets. */
  public record DatasetPage(List<DatasetSummary> datasets, long total, int limit, int offset) {}

  /** A field of a dataset and the classification it requires. */
  public record FieldView(String name, String type, List<String> contains, String classification) {

    static FieldView of(FieldDescriptor f) {
      return new FieldView(
          f.name(),
          f.type(),
          f.contains().stream().map(Enum::name).toList(),
          f.effectiveClassification().wireName());
    }
  }

  /** The admin's confirmation of a classification. */
  public record Confirmation(String classification, String by, OffsetDateTime at) {}

  /** A dataset with its schema, classification state and version. */
  public record DatasetDetail(
      String id,
      String kind,
      String name,
      String owner,
      String store,
      String location,
      String description,
      String classification,
      String declaredClassification,
      String requiredByFields,
      Confirmation confirmation,
      String tenantField,
      String freshnessField,
      List<FieldView> fields,
      int version,
      OffsetDateTime loadedAt,
      OffsetDateTime retiredAt) {

    static DatasetDetail of(StoredDataset d) {
      var def = d.definition();
      return new DatasetDetail(
          d.id(),
          def.kind().wireName(),
          def.name(),
          d.owner(),
          def.store(),
          def.location(),
          def.description(),
          d.classification().wireName(),
          d.declared().wireName(),
          def.requiredByFields().wireName(),
          d.confirmed() == null
              ? null
              : new Confirmation(d.confirmed().wireName(), d.confirmedBy(), d.confirmedAt()),
          def.tenantField(),
          def.freshnessField(),
          def.fields().stream().map(FieldView::of).toList(),
          d.version(),
          d.loadedAt(),
          d.retiredAt());
    }
  }

  /** A node of the lineage graph: a dataset or a flow (a service's process). */
  public record NodeView(
      String id,
      String kind,
      String label,
      String service,
      String datasetKind,
      String classification) {}

  /** An edge: {@code reads} (dataset → flow) or {@code writes} (flow → dataset). */
  public record EdgeView(String from, String to, String relation) {}

  /** The lineage graph, and the same as a Mermaid flowchart for people. */
  public record Lineage(List<NodeView> nodes, List<EdgeView> edges, String mermaid) {

    static Lineage of(LineageGraph g) {
      return new Lineage(
          g.nodes().stream()
              .map(
                  n ->
                      new NodeView(
                          n.id(),
                          n.kind().name().toLowerCase(Locale.ROOT),
                          n.label(),
                          n.service(),
                          n.datasetKind() == null ? null : n.datasetKind().wireName(),
                          n.classification() == null ? null : n.classification().wireName()))
              .toList(),
          g.edges().stream().map(e -> new EdgeView(e.from(), e.to(), e.relation())).toList(),
          g.mermaid());
    }
  }

  /** Null count and rate of one field. */
  public record FieldQualityView(String field, long nulls, Double nullRate) {}

  /**
   * Quality of a dataset: {@code measured=false} (with the reason) for stores governance-service
   * does not read; scope {@code tenant} (the caller's rows) or {@code all} (operators).
   */
  public record QualityView(
      String datasetId,
      boolean measured,
      String reason,
      String scope,
      Long rows,
      List<FieldQualityView> fields,
      OffsetDateTime freshest,
      Long ageSeconds,
      OffsetDateTime measuredAt) {

    static QualityView of(CatalogService.Quality q) {
      return new QualityView(
          q.datasetId(),
          q.measured(),
          q.reason(),
          q.scope(),
          q.rows(),
          q.fields().stream()
              .map(f -> new FieldQualityView(f.field(), f.nulls(), f.nullRate()))
              .toList(),
          q.freshest(),
          q.ageSeconds(),
          q.measuredAt());
    }
  }

  /** Sampled values of one field, posted by an admin (they are scanned, never stored). */
  public record Sample(
      @NotBlank @Size(max = 200) String field, @NotNull @Size(max = 2000) List<String> values) {}

  /**
   * What to classify from: posted samples, or nothing (then the dataset's own store, where
   * governance-service can read it).
   */
  public record ClassifyRequest(@Valid @Size(max = 200) List<@NotNull @Valid Sample> samples) {}

  /** Confirms a proposal, at its proposed level or at {@code classification}. */
  public record ConfirmRequest(@NotNull UUID proposalId, @Size(max = 32) String classification) {}

  /** A classification proposal with its evidence (types and counts, never values). */
  public record Proposal(
      UUID id,
      String datasetId,
      int datasetVersion,
      String status,
      String source,
      String proposed,
      Classifier.Evidence evidence,
      String proposedBy,
      OffsetDateTime proposedAt,
      String confirmedClassification,
      String confirmedBy,
      OffsetDateTime confirmedAt) {

    static Proposal of(StoredProposal p) {
      return new Proposal(
          p.id(),
          p.datasetId(),
          p.datasetVersion(),
          p.status().name().toLowerCase(Locale.ROOT),
          p.source().name().toLowerCase(Locale.ROOT),
          p.proposed().wireName(),
          p.evidence(),
          p.proposedBy(),
          p.proposedAt(),
          p.confirmed() == null ? null : p.confirmed().wireName(),
          p.confirmedBy(),
          p.confirmedAt());
    }
  }
}
