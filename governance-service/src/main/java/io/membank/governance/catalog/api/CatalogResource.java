package io.membank.governance.catalog.api;

import io.membank.governance.catalog.api.CatalogDtos.ClassifyRequest;
import io.membank.governance.catalog.api.CatalogDtos.ConfirmRequest;
import io.membank.governance.catalog.api.CatalogDtos.DatasetDetail;
import io.membank.governance.catalog.api.CatalogDtos.DatasetPage;
import io.membank.governance.catalog.api.CatalogDtos.DatasetSummary;
import io.membank.governance.catalog.api.CatalogDtos.Lineage;
import io.membank.governance.catalog.api.CatalogDtos.Proposal;
import io.membank.governance.catalog.api.CatalogDtos.QualityView;
import io.membank.governance.catalog.api.CatalogDtos.Sample;
import io.membank.governance.catalog.config.CatalogConfig;
import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.Classifier;
import io.membank.governance.catalog.domain.DatasetKind;
import io.membank.governance.catalog.service.Actor;
import io.membank.governance.catalog.service.CatalogService;
import io.membank.governance.catalog.service.ClassificationService;
import io.membank.governance.catalog.store.CatalogStore;
import io.membank.governance.catalog.store.StoredDataset;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The data catalog: every dataset of every service's stores with schema, owner, classification and
 * lineage. The catalog is platform metadata (no tenant's data): admins and auditors of any tenant
 * read it; quality is measured over the caller's tenant's rows; classifying and confirming change
 * it for everyone, so only admins of the operator tenant may.
 */
@Path("/api/v1/governance/catalog")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

  /** What a dataset id may hold: {@code postgres:membank_memory.memories}, {@code redis:a-b}. */
  static final String DATASET_ID = "[A-Za-z0-9_.:*-]{1,300}";

  /** Search text without control characters (PostgreSQL text cannot hold NUL); ECMA and Java. */
  static final String PRINTABLE = "[^\\x00-\\x1F\\x7F]*";

  private final CatalogService catalog;
  private final ClassificationService classifications;
  private final CatalogConfig config;
  private final Caller caller;

  public CatalogResource(
      CatalogService catalog,
      ClassificationService classification,
      CatalogConfig config,
      Caller caller) {
    this.catalog = catalog;
    this.classifications = classification;
    this.config = config;
    this.caller = caller;
  }

  @GET
  @Path("/datasets")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "List and search datasets",
      description =
          "By id; q matches id, description and field names; filters by classification (in"
              + " force), owner service and kind")
  @APIResponse(
      responseCode = "200",
      description = "One page of datasets",
      content = @Content(schema = @Schema(implementation = DatasetPage.class)))
  public DatasetPage list(
      @QueryParam("q") @Size(max = 200) @Pattern(regexp = PRINTABLE) String q,
      @QueryParam("classification") @Size(max = 32) String classification,
      @QueryParam("owner") @Size(max = 100) @Pattern(regexp = PRINTABLE) String owner,
      @QueryParam("kind") @Size(max = 32) String kind,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(1_000_000) int offset) {
    CatalogStore.Filter filter =
        new CatalogStore.Filter(
            q,
            classification == null
                ? null
                : Classification.parse(classification)
                    .orElseThrow(() -> invalid("classification", classificationNames())),
            owner,
            kind == null
                ? null
                : DatasetKind.parse(kind).orElseThrow(() -> invalid("kind", kindNames())));
    CatalogStore.Page page = catalog.list(filter, limit, offset);
    return new DatasetPage(
        page.datasets().stream().map(DatasetSummary::of).toList(), page.total(), limit, offset);
  }

  @GET
  @Path("/datasets/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Get a dataset", description = "Schema, owner, classification, version")
  @APIResponse(
      responseCode = "200",
      description = "The dataset with its fields",
      content = @Content(schema = @Schema(implementation = DatasetDetail.class)))
  public DatasetDetail get(
      @PathParam("id") @Size(max = 300) @Pattern(regexp = DATASET_ID) String id) {
    return DatasetDetail.of(dataset(id));
  }

  @GET
  @Path("/datasets/{id}/quality")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Quality summary of a dataset",
      description =
          "Row count, null rate per field and freshness where governance-service can read the"
              + " store (its own tables), over the caller's tenant's rows (operators: all rows);"
              + " otherwise measured=false with the reason")
  @APIResponse(
      responseCode = "200",
      description = "The dataset's quality checks and their results",
      content = @Content(schema = @Schema(implementation = QualityView.class)))
  public QualityView quality(
      @PathParam("id") @Size(max = 300) @Pattern(regexp = DATASET_ID) String id) {
    return QualityView.of(
        catalog.quality(
            dataset(id), isOperator() ? Optional.empty() : Optional.of(caller.tenant())));
  }

  @GET
  @Path("/lineage")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Lineage graph",
      description =
          "Datasets and the services' flows between them (JSON nodes and edges plus a Mermaid"
              + " flowchart); with dataset, only what it is made from and what is made from it")
  @APIResponse(
      responseCode = "200",
      description = "Where the dataset's data comes from and goes to",
      content = @Content(schema = @Schema(implementation = Lineage.class)))
  @APIResponse(responseCode = "404", description = "No such dataset in the catalog")
  public Lineage lineage(
      @QueryParam("dataset") @Size(max = 300) @Pattern(regexp = DATASET_ID) String dataset) {
    if (dataset != null) {
      dataset(dataset);
    }
    return Lineage.of(catalog.lineage(Optional.ofNullable(dataset)));
  }

  @POST
  @Path("/datasets/{id}/classify")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Propose a classification from sampled values",
      description =
          "Posted samples, or without them a random sample of the dataset's own store where"
              + " governance-service can read it (its own tables); the evidence holds types and"
              + " counts, never values. Operator admins only; audited")
  @APIResponse(
      responseCode = "200",
      description = "The proposed classification, to confirm",
      content = @Content(schema = @Schema(implementation = Proposal.class)))
  public Proposal classify(
      @PathParam("id") @Size(max = 300) @Pattern(regexp = DATASET_ID) String id,
      @Valid ClassifyRequest request) {
    requireOperator();
    StoredDataset dataset = dataset(id);
    return Proposal.of(
        classifications.classify(
            actor(), dataset, samples(dataset, request == null ? null : request.samples())));
  }

  @POST
  @Path("/datasets/{id}/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Confirm a classification proposal",
      description =
          "At the proposed level, or at classification when given; becomes the dataset's"
              + " classification in force. Operator admins only; audited")
  @APIResponse(
      responseCode = "200",
      description = "The confirmed classification",
      content = @Content(schema = @Schema(implementation = Proposal.class)))
  public Proposal confirm(
      @PathParam("id") @Size(max = 300) @Pattern(regexp = DATASET_ID) String id,
      @Valid @NotNull ConfirmRequest request) {
    requireOperator();
    Optional<Classification> level =
        request.classification() == null
            ? Optional.empty()
            : Optional.of(
                Classification.parse(request.classification())
                    .orElseThrow(() -> invalid("classification", classificationNames())));
    return Proposal.of(classifications.confirm(actor(), dataset(id), request.proposalId(), level));
  }

  /** The posted samples checked against the dataset's fields and the size limits. */
  private List<Classifier.FieldSample> samples(StoredDataset dataset, List<Sample> posted) {
    if (posted == null) {
      return List.of();
    }
    List<Classifier.FieldSample> samples = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int values = 0;
    for (int i = 0; i < posted.size(); i++) {
      Sample s = posted.get(i);
      String where = "samples[" + i + "]";
      if (dataset.definition().field(s.field()).isEmpty()) {
        throw invalid(where + ".field", "not a field of " + dataset.id());
      }
      if (!seen.add(s.field())) {
        throw invalid(where + ".field", "posted twice");
      }
      for (int j = 0; j < s.values().size(); j++) {
        String v = s.values().get(j);
        if (v != null && v.length() > config.maxValueChars()) {
          throw invalid(
              where + ".values[" + j + "]", "longer than " + config.maxValueChars() + " chars");
        }
      }
      values += s.values().size();
      if (values > config.maxPostedValues()) {
        throw invalid(
            where + ".values", "more than " + config.maxPostedValues() + " values in all");
      }
      samples.add(new Classifier.FieldSample(s.field(), s.values()));
    }
    return samples;
  }

  private StoredDataset dataset(String id) {
    return catalog
        .get(id)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(
                        404, "not-found", "Not found", "no dataset " + id + " in the catalog")));
  }

  private boolean isOperator() {
    return config.operatorTenant().map(caller.tenant()::equals).orElse(false);
  }

  private void requireOperator() {
    if (!isOperator() || !caller.hasRole(Roles.ADMIN)) {
      throw new ProblemException(
          Problem.of(
              403,
              "operator-only",
              "Forbidden",
              "the catalog is platform-wide: only admins of the operator tenant classify it"));
    }
  }

  private Actor actor() {
    return new Actor(caller.tenant(), caller.subject(), caller.roles());
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(400, "validation", "Invalid request", field + ": " + message)
            .withErrors(List.of(new Problem.FieldError(field, message))));
  }

  private static String classificationNames() {
    return "must be public, internal, confidential or restricted";
  }

  private static String kindNames() {
    return "must be one of "
        + String.join(
            ", ",
            java.util.Arrays.stream(DatasetKind.values()).map(DatasetKind::wireName).toList());
  }
}
