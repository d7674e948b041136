package io.membank.diagnostics.diagnosis;

import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.Symptom;
import java.util.List;

/**
 * A known issue the current symptoms point at.
 *
 * @param confidence matched indicator weight / all indicator weight of the issue (0..1)
 * @param evidence matched indicator weight (how much it explains, for ranking)
 * @param target the component of the first required indicator (where "symptom" actions act)
 * @param rank 1 for the most likely root cause
 */
public record Finding(
    KnownIssue issue,
    double confidence,
    double evidence,
    Severity severity,
    List<String> components,
    List<Symptom> symptoms,
    String target,
    int rank) {

  Finding withRank(int r) {
    return new Finding(issue, confidence, evidence, severity, components, symptoms, target, r);
  }
}
