package io.membank.governance.catalog.service;

import io.membank.contracts.AuditEvent;
import io.membank.governance.audit.AuditTrail;
import io.membank.governance.catalog.config.CatalogConfig;
import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.Classifier;
import io.membank.governance.catalog.store.CatalogStore;
import io.membank.governance.catalog.store.OwnTables;
import io.membank.governance.catalog.store.StoredDataset;
import io.membank.governance.catalog.store.StoredProposal;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.privacy.detect.Scanner;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Auto-classification: sampled values through the platform/privacy detectors give a proposal with
 * evidence (types and counts, never values); an operator admin confirms it, possibly at another
 * level. Both are audited on {@code audit.events} in the transaction that stores them.
 */
@ApplicationScoped
public class ClassificationService {

  private static final Logger LOG = Logger.getLogger(ClassificationService.class);

  private static final String RESOURCE = "catalog_dataset";

  private final CatalogStore store;
  private final OwnTables ownTables;
  private final AuditTrail audit;
  private final CatalogConfig config;
  private final Classifier classifier;

  public ClassificationService(
      CatalogStore store, OwnTables ownTables, AuditTrail audit, CatalogConfig config) {
    this.store = store;
    this.ownTables = ownTables;
    this.audit = audit;
    this.config = config;
    this.classifier = new Classifier(Scanner.defaults(), config.minConfidence());
  }

  /**
   * Classifies the dataset from {@code posted} samples, or — when none are posted — from a sample
   * of its own store if governance-service can read it (its own tables); else 400 naming {@code
   * samples}. The samples must be validated by the caller (known fields, sizes).
   */
  @Transactional
  @WithSpan("ClassificationService.classify")
  public StoredProposal classify(
      Actor by, StoredDataset dataset, List<Classifier.FieldSample> posted) {
    StoredProposal.Source source;
    List<Classifier.FieldSample> samples;
    if (!posted.isEmpty()) {
      source = StoredProposal.Source.SAMPLES;
      samples = posted;
    } else if (CatalogService.readable(dataset)) {
      source = StoredProposal.Source.STORE;
      samples = ownTables.sample(dataset.definition(), config.sampleRows());
    } else {
      throw new ProblemException(
          Problem.of(
                  400,
                  "samples-required",
                  "Samples required",
                  dataset.id()
                      + " is owned by "
                      + dataset.owner()
                      + " and governance-service does not read its store: post samples")
              .withErrors(
                  List.of(
                      new Problem.FieldError(
                          "samples", "required for a dataset of another service"))));
    }
    Classifier.Evidence evidence = classifier.classify(samples);
    OffsetDateTime now = now();
    StoredProposal proposal =
        new StoredProposal(
            UUID.randomUUID(),
            dataset.id(),
            dataset.version(),
            evidence.proposed(),
            evidence,
            source,
            StoredProposal.Status.PROPOSED,
            by.subject(),
            now,
            null,
            null,
            null);
    store.propose(proposal);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operation", "classify");
    details.put("proposal_id", proposal.id().toString());
    details.put("source", source.name().toLowerCase(java.util.Locale.ROOT));
    details.put("sampled_values", evidence.sampledValues());
    details.put("proposed", evidence.proposed().wireName());
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        AuditEvent.Action.ACCESS,
        new AuditEvent.Resource(RESOURCE, dataset.id(), null),
        details);
    LOG.infof(
        "catalog.classified dataset=%s proposal=%s source=%s sampled=%d proposed=%s",
        dataset.id(),
        proposal.id(),
        source,
        evidence.sampledValues(),
        evidence.proposed().wireName());
    return proposal;
  }

  /**
   * Confirms an open proposal of the dataset at its proposed level or at {@code level}; 404 when
   * the proposal is not the dataset's, 409 when it is no longer open.
   */
  @Transactional
  @WithSpan("ClassificationService.confirm")
  public StoredProposal confirm(
      Actor by, StoredDataset dataset, UUID proposalId, Optional<Classification> level) {
    StoredProposal proposal =
        store
            .proposal(proposalId)
            .filter(p -> p.datasetId().equals(dataset.id()))
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                                404,
                                "not-found",
                                "Not found",
                                "no proposal " + proposalId + " for " + dataset.id())
                            .withErrors(
                                List.of(new Problem.FieldError("proposal_id", "unknown")))));
    if (proposal.status() != StoredProposal.Status.PROPOSED) {
      throw new ProblemException(
          Problem.of(
              409,
              "proposal-closed",
              "Proposal closed",
              "proposal "
                  + proposalId
                  + " is "
                  + proposal.status().name().toLowerCase(java.util.Locale.ROOT)));
    }
    Classification decided = level.orElse(proposal.proposed());
    OffsetDateTime now = now();
    store.confirm(proposalId, dataset.id(), decided, by.subject(), now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operation", "confirm-classification");
    details.put("proposal_id", proposalId.toString());
    details.put("from", dataset.classification().wireName());
    details.put("to", decided.wireName());
    details.put("proposed", proposal.proposed().wireName());
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        AuditEvent.Action.MODIFY,
        new AuditEvent.Resource(RESOURCE, dataset.id(), null),
        details);
    LOG.infof(
        "catalog.classification_confirmed dataset=%s proposal=%s from=%s to=%s",
        dataset.id(), proposalId, dataset.classification().wireName(), decided.wireName());
    return new StoredProposal(
        proposal.id(),
        proposal.datasetId(),
        proposal.datasetVersion(),
        proposal.proposed(),
        proposal.evidence(),
        proposal.source(),
        StoredProposal.Status.CONFIRMED,
        proposal.proposedBy(),
        proposal.proposedAt(),
        decided,
        by.subject(),
        now);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
