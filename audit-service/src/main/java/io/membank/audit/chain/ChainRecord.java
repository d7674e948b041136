package io.membank.audit.chain;

import io.membank.audit.risk.Classification;
import java.time.Instant;

/** A record as appended to its tenant's chain. */
public record ChainRecord(
    long seq,
    Instant recordedAt,
    AuditEntry entry,
    Classification classification,
    String body,
    String prevHash,
    String hash) {}
