package io.membank.diagnostics.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.SymptomType;
import java.util.List;
import java.util.Map;

/** One entry of the knowledge base ({@code knowledge/known-issues.yaml}). */
public record KnownIssue(
    String id,
    String title,
    Severity severity,
    @JsonProperty("root_cause") String rootCause,
    List<Indicator> indicators,
    List<String> evidence,
    List<Solution> solutions) {

  /** A symptom that points at the issue. */
  public record Indicator(
      SymptomType symptom,
      List<String> metrics,
      String components,
      @JsonProperty("min_components") Integer minComponents,
      Double weight,
      Boolean required) {

    public int minComponentsOrDefault() {
      return minComponents == null ? 1 : minComponents;
    }

    public double weightOrDefault() {
      return weight == null ? 1.0 : weight;
    }

    public boolean isRequired() {
      return Boolean.TRUE.equals(required);
    }
  }

  /** What fixes it. {@code target} is "symptom" or a fixed component name. */
  public record Solution(
      String description,
      ActionType action,
      String target,
      Map<String, String> parameters,
      Risk risk,
      boolean automatic) {

    /** Target meaning "the component the first required indicator matched". */
    public static final String SYMPTOM_TARGET = "symptom";
  }
}
