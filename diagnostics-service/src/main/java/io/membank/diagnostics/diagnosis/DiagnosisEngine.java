package io.membank.diagnostics.diagnosis;

import io.membank.diagnostics.knowledge.KnowledgeBase;
import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.Symptom;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches symptoms against the knowledge base, ranks the candidate root causes and keeps only those
 * that explain something the better ones do not: a broker outage that shows in seven services is
 * one finding, not seven.
 */
@ApplicationScoped
public class DiagnosisEngine {

  private static final Comparator<Finding> MOST_LIKELY_FIRST =
      Comparator.comparingDouble(Finding::evidence)
          .reversed()
          .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
          .thenComparing(f -> f.symptoms().size(), Comparator.reverseOrder())
          .thenComparing(f -> f.issue().id());

  private final KnowledgeBase knowledge;

  public DiagnosisEngine(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  /** The root causes of {@code symptoms}, most likely first; empty when nothing is wrong. */
  public List<Finding> diagnose(List<Symptom> symptoms) {
    List<Finding> candidates = new ArrayList<>();
    for (KnownIssue issue : knowledge.issues()) {
      match(issue, symptoms).ifPresent(candidates::add);
    }
    candidates.sort(MOST_LIKELY_FIRST);
    List<Finding> kept = new ArrayList<>();
    Set<Symptom> explained = new LinkedHashSet<>();
    for (Finding f : candidates) {
      // Correlation: a candidate whose symptoms a better one already explains adds nothing.
      if (explained.containsAll(f.symptoms())) {
        continue;
      }
      explained.addAll(f.symptoms());
      kept.add(f.withRank(kept.size() + 1));
    }
    return kept;
  }

  Optional<Finding> match(KnownIssue issue, List<Symptom> symptoms) {
    double total = 0;
    double matched = 0;
    Set<Symptom> evidence = new LinkedHashSet<>();
    String target = null;
    for (KnownIssue.Indicator ind : issue.indicators()) {
      total += ind.weightOrDefault();
      List<Symptom> hits = symptoms.stream().filter(s -> indicates(ind, s)).toList();
      long components = hits.stream().map(Symptom::component).distinct().count();
      if (components < ind.minComponentsOrDefault()) {
        if (ind.isRequired()) {
          return Optional.empty();
        }
        continue;
      }
      matched += ind.weightOrDefault();
      evidence.addAll(hits);
      if (target == null && ind.isRequired()) {
        target = worst(hits).component();
      }
    }
    List<Symptom> found = List.copyOf(evidence);
    Severity severity =
        found.stream().map(Symptom::severity).max(Comparator.naturalOrder()).orElse(Severity.INFO);
    // A warning-level symptom never makes a critical diagnosis, and no issue exceeds its own level.
    if (severity.compareTo(issue.severity()) > 0) {
      severity = issue.severity();
    }
    List<String> components = found.stream().map(Symptom::component).distinct().sorted().toList();
    return Optional.of(
        new Finding(issue, matched / total, matched, severity, components, found, target, 0));
  }

  private static boolean indicates(KnownIssue.Indicator ind, Symptom s) {
    if (s.type() != ind.symptom()) {
      return false;
    }
    if (ind.metrics() != null && !ind.metrics().contains(s.metric().key())) {
      return false;
    }
    return ind.components() == null
        || Pattern.compile(ind.components()).matcher(s.component()).find();
  }

  private static Symptom worst(List<Symptom> hits) {
    return hits.stream()
        .max(
            Comparator.comparing(Symptom::severity)
                .thenComparingLong(Symptom::durationSeconds)
                .thenComparing(Symptom::component, Comparator.reverseOrder()))
        .orElseThrow();
  }
}
