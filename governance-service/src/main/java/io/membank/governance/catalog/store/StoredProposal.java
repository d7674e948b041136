package io.membank.governance.catalog.store;

import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.Classifier;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A classification proposal with its evidence and, once confirmed, the admin's decision. */
public record StoredProposal(
    UUID id,
    String datasetId,
    int datasetVersion,
    Classification proposed,
    Classifier.Evidence evidence,
    Source source,
    Status status,
    String proposedBy,
    OffsetDateTime proposedAt,
    Classification confirmed,
    String confirmedBy,
    OffsetDateTime confirmedAt) {

  /** Where the sampled values came from. */
  public enum Source {
    /** Read from the dataset's own store (tables governance-service owns). */
    STORE,
    /** Posted by the admin. */
    SAMPLES
  }

  /** Where the proposal stands; a newer proposal supersedes an open one. */
  public enum Status {
    PROPOSED,
    CONFIRMED,
    SUPERSEDED
  }
}
