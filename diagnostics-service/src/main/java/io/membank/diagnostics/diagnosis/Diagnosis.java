package io.membank.diagnostics.diagnosis;

import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.Symptom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored diagnosis: one known issue, open while its symptoms last. */
public record Diagnosis(
    UUID id,
    String issueId,
    String title,
    String rootCause,
    Severity severity,
    double confidence,
    int rank,
    List<String> components,
    List<Symptom> symptoms,
    List<KnownIssue.Solution> solutions,
    List<String> evidence,
    Status status,
    Instant firstSeenAt,
    Instant lastSeenAt,
    Instant resolvedAt,
    Instant pagedAt) {

  /** Whether the issue still shows. */
  public enum Status {
    OPEN,
    RESOLVED;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
