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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The catalog API's request and response bodies (snake_case on the wire). */
public final class CatalogDtos {

  private CatalogDtos() {}

  /** A dataset in a listing. */
  public record DatasetSummary(
      @Schema(description = "The dataset's id (kind:name)", example = "table:memories") String id,
      @Schema(
              description = "What kind of dataset: table, topic, index, label, keyspace, ...",
              example = "table")
          String kind,
      @Schema(description = "The dataset's name", example = "memories") String name,
      @Schema(description = "The owning service", example = "memory-service", nullable = true)
          String owner,
      @Schema(description = "The store that holds it", example = "postgresql", nullable = true)
          String store,
      @Schema(
              description = "What the dataset holds",
              example = "Every memory with its validity window",
              nullable = true)
          String description,
      @Schema(
              description =
                  "The classification in force: public, internal, confidential or restricted",
              example = "confidential",
              nullable = true)
          String classification,
      @Schema(
              description = "The classification the descriptor declares",
              example = "confidential",
              nullable = true)
          String declaredClassification,
      @Schema(description = "Whether an admin confirmed the classification", example = "true")
          boolean confirmed,
      @Schema(description = "Whether the dataset's rows belong to tenants", example = "true")
          boolean tenantScoped,
      @Schema(description = "The dataset's version, +1 per descriptor change", example = "1")
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
  public record DatasetPage(
      @Schema(description = "This page's datasets") List<DatasetSummary> datasets,
      @Schema(description = "How many datasets match, over all pages", example = "42") long total,
      @Schema(description = "The page size asked for", example = "50") int limit,
      @Schema(description = "The offset of this page", example = "0") int offset) {}

  /** A field of a dataset and the classification it requires. */
  public record FieldView(
      @Schema(description = "The field's name", example = "content") String name,
      @Schema(description = "The field's type", example = "text") String type,
      @Schema(
              description = "The data classes it may contain",
              example = "[\"pii\"]",
              nullable = true)
          List<String> contains,
      @Schema(
              description = "The classification the field requires",
              example = "confidential",
              nullable = true)
          String classification) {

    static FieldView of(FieldDescriptor f) {
      return new FieldView(
          f.name(),
          f.type(),
          f.contains().stream().map(Enum::name).toList(),
          f.effectiveClassification().wireName());
    }
  }

  /** The admin's confirmation of a classification. */
  public record Confirmation(
      @Schema(description = "The confirmed classification", example = "confidential")
          String classification,
      @Schema(description = "Who confirmed it", example = "admin") String by,
      @Schema(description = "When", example = "2026-12-04T07:00:00Z") OffsetDateTime at) {}

  /** A dataset with its schema, classification state and version. */
  public record DatasetDetail(
      @Schema(description = "The dataset's id (kind:name)", example = "table:memories") String id,
      @Schema(description = "What kind of dataset", example = "table") String kind,
      @Schema(description = "The dataset's name", example = "memories") String name,
      @Schema(description = "The owning service", example = "memory-service", nullable = true)
          String owner,
      @Schema(description = "The store that holds it", example = "postgresql", nullable = true)
          String store,
      @Schema(
              description = "Where it is in the store (schema, topic, index path, ...)",
              example = "public.memories",
              nullable = true)
          String location,
      @Schema(
              description = "What the dataset holds",
              example = "Every memory with its validity window",
              nullable = true)
          String description,
      @Schema(
              description = "The classification in force",
              example = "confidential",
              nullable = true)
          String classification,
      @Schema(
              description = "The classification the descriptor declares",
              example = "confidential",
              nullable = true)
          String declaredClassification,
      @Schema(
              description = "The strictest classification its fields require",
              example = "confidential",
              nullable = true)
          String requiredByFields,
      @Schema(description = "The admin's confirmation, if any", nullable = true)
          Confirmation confirmation,
      @Schema(
              description = "The field that names the tenant, if tenant-scoped",
              example = "tenant_id",
              nullable = true)
          String tenantField,
      @Schema(
              description = "The field that tells how fresh a row is",
              example = "updated_at",
              nullable = true)
          String freshnessField,
      @Schema(description = "Its fields") List<FieldView> fields,
      @Schema(description = "The dataset's version", example = "1") int version,
      @Schema(
              description = "When this version was loaded from the catalog descriptors",
              example = "2026-12-04T07:00:00Z")
          OffsetDateTime loadedAt,
      @Schema(description = "When it left the catalog, if it did", nullable = true)
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
      @Schema(description = "The node's id", example = "table:memories") String id,
      @Schema(description = "dataset or flow", example = "dataset") String kind,
      @Schema(description = "The text to draw", example = "memories") String label,
      @Schema(description = "The service of a flow", example = "memory-service", nullable = true)
          String service,
      @Schema(description = "The kind of a dataset", example = "table", nullable = true)
          String datasetKind,
      @Schema(description = "A dataset's classification", example = "confidential", nullable = true)
          String classification) {}

  /** An edge: {@code reads} (dataset → flow) or {@code writes} (flow → dataset). */
  public record EdgeView(
      @Schema(description = "The source node's id", example = "table:memories") String from,
      @Schema(description = "The target node's id", example = "flow:search-service/index")
          String to,
      @Schema(
              description = "reads (dataset to flow) or writes (flow to dataset)",
              example = "reads")
          String relation) {}

  /** The lineage graph, and the same as a Mermaid flowchart for people. */
  public record Lineage(
      @Schema(description = "Datasets and flows") List<NodeView> nodes,
      @Schema(description = "Who reads and writes what") List<EdgeView> edges,
      @Schema(description = "The same graph as a Mermaid flowchart", example = "flowchart LR ...")
          String mermaid) {

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
  public record FieldQualityView(
      @Schema(description = "The field", example = "content") String field,
      @Schema(description = "How many rows have it null", example = "0") long nulls,
      @Schema(
              description = "The fraction of rows with it null (null when there are no rows)",
              example = "0.0",
              nullable = true)
          Double nullRate) {}

  /**
   * Quality of a dataset: {@code measured=false} (with the reason) for stores governance-service
   * does not read; scope {@code tenant} (the caller's rows) or {@code all} (operators).
   */
  public record QualityView(
      @Schema(description = "The dataset", example = "table:memories") String datasetId,
      @Schema(
              description =
                  "false for stores governance-service does not read (then reason says why)",
              example = "true")
          boolean measured,
      @Schema(
              description = "Why it was not measured",
              example = "Neo4j is not read by governance-service",
              nullable = true)
          String reason,
      @Schema(
              description = "tenant (the caller's rows) or all (operators)",
              example = "tenant",
              nullable = true)
          String scope,
      @Schema(description = "How many rows", example = "1200", nullable = true) Long rows,
      @Schema(description = "Null counts per field") List<FieldQualityView> fields,
      @Schema(
              description = "The newest row's freshness field",
              example = "2026-12-04T07:00:00Z",
              nullable = true)
          OffsetDateTime freshest,
      @Schema(description = "Seconds since the freshest row", example = "30", nullable = true)
          Long ageSeconds,
      @Schema(
              description = "When it was measured",
              example = "2026-12-04T07:00:00Z",
              nullable = true)
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
      @Schema(description = "The field sampled", example = "email") @NotBlank @Size(max = 200)
          String field,
      @Schema(
              description = "Its sampled values (scanned, never stored)",
              example = "[\"alice@example.com\"]")
          @NotNull
          @Size(max = 2000)
          List<String> values) {}

  /**
   * What to classify from: posted samples, or nothing (then the dataset's own store, where
   * governance-service can read it).
   */
  public record ClassifyRequest(
      @Schema(
              description =
                  "Sampled values per field; absent: a random sample of the dataset's own store")
          @Valid
          @Size(max = 200)
          List<@NotNull @Valid Sample> samples) {}

  /** Confirms a proposal, at its proposed level or at {@code classification}. */
  public record ConfirmRequest(
      @Schema(
              description = "The proposal to confirm",
              example = "6a8c0e2b-4d6f-4a8c-8e2b-4d6f8a0c2e4b")
          @NotNull
          UUID proposalId,
      @Schema(
              description = "Confirm at this level instead of the proposed one",
              example = "restricted")
          @Size(max = 32)
          String classification) {}

  /** A classification proposal with its evidence (types and counts, never values). */
  public record Proposal(
      @Schema(description = "The proposal's id", example = "6a8c0e2b-4d6f-4a8c-8e2b-4d6f8a0c2e4b")
          UUID id,
      @Schema(description = "The dataset classified", example = "table:memories") String datasetId,
      @Schema(description = "The dataset version it was made for", example = "1")
          int datasetVersion,
      @Schema(
              description = "proposed, confirmed or superseded (by a newer proposal)",
              example = "proposed")
          String status,
      @Schema(
              description =
                  "What was sampled: samples (posted in the request) or store (the dataset's own rows)",
              example = "samples")
          String source,
      @Schema(description = "The proposed classification", example = "confidential")
          String proposed,
      @Schema(description = "What was found (types and counts, never values)")
          Classifier.Evidence evidence,
      @Schema(description = "Who asked for it", example = "admin") String proposedBy,
      @Schema(description = "When", example = "2026-12-04T07:00:00Z") OffsetDateTime proposedAt,
      @Schema(
              description = "The classification confirmed, once confirmed",
              example = "confidential",
              nullable = true)
          String confirmedClassification,
      @Schema(description = "Who confirmed it", example = "admin", nullable = true)
          String confirmedBy,
      @Schema(description = "When it was confirmed", nullable = true) OffsetDateTime confirmedAt) {

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
