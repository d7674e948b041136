package io.membank.governance.catalog.store;

import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.DatasetDescriptor;
import java.time.OffsetDateTime;

/** A dataset as the catalog holds it: its descriptor entry, version and classification state. */
public record StoredDataset(
    String id,
    String owner,
    DatasetDescriptor definition,
    int version,
    String digest,
    Classification declared,
    Classification confirmed,
    String confirmedBy,
    OffsetDateTime confirmedAt,
    OffsetDateTime loadedAt,
    OffsetDateTime retiredAt) {

  /** The classification in force: the admin's confirmed one, else the descriptor's. */
  public Classification classification() {
    return confirmed != null ? confirmed : declared;
  }
}
