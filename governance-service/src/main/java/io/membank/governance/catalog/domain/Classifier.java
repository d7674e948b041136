package io.membank.governance.catalog.domain;

import io.membank.privacy.detect.DataClass;
import io.membank.privacy.detect.DataType;
import io.membank.privacy.detect.Finding;
import io.membank.privacy.detect.Scanner;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Proposes a classification from sampled values: every value goes through the platform/privacy
 * detectors; a field is proposed at the level its confidently found data classes require (PII →
 * confidential, financial and credentials → restricted), else internal; the dataset at its
 * strictest field. The evidence holds types and counts, never a value.
 */
public final class Classifier {

  /** The sampled values of one field (nulls allowed: they count as sampled, not as values). */
  public record FieldSample(String field, List<String> values) {}

  /** How many values of one type were found, and how many of them at or above the threshold. */
  public record TypeCount(
      @Schema(description = "The data type found", example = "email") DataType type,
      @Schema(description = "Its data class", example = "pii") DataClass dataClass,
      @Schema(description = "How many values had it", example = "12") int count,
      @Schema(description = "How many of them at or above the confidence threshold", example = "12")
          int confident) {}

  /** What the detectors found in one field's sample. */
  public record FieldEvidence(
      @Schema(description = "The field", example = "email") String field,
      @Schema(description = "Values sampled", example = "100") int sampled,
      @Schema(description = "Values not null", example = "98") int nonNull,
      @Schema(description = "Values in which something was found", example = "97")
          int valuesWithFindings,
      @Schema(description = "What was found, by type") List<TypeCount> types,
      @Schema(description = "The level the field's findings require", example = "confidential")
          Classification proposed) {}

  /** The evidence of one classification run and the dataset's proposed level. */
  public record Evidence(
      @Schema(description = "Values sampled in all", example = "2000") int sampledValues,
      @Schema(
              description = "Findings below it are counted but do not raise the proposal",
              example = "0.8")
          double minConfidence,
      @Schema(description = "What was found per field") List<FieldEvidence> fields,
      @Schema(
              description = "The dataset's proposed level (its strictest field)",
              example = "confidential")
          Classification proposed) {}

  private final Scanner scanner;
  private final double minConfidence;

  /**
   * @param minConfidence findings below it are counted but do not raise the proposal: the
   *     best-effort detectors (names 0.6–0.75, addresses 0.7) alone should not make a dataset
   *     confidential, the structured ones (≥ 0.85) should
   */
  public Classifier(Scanner scanner, double minConfidence) {
    this.scanner = scanner;
    this.minConfidence = minConfidence;
  }

  public Evidence classify(List<FieldSample> samples) {
    List<FieldEvidence> fields = new ArrayList<>();
    Classification dataset = Classification.INTERNAL;
    int sampled = 0;
    for (FieldSample sample : samples) {
      FieldEvidence evidence = field(sample);
      fields.add(evidence);
      sampled += evidence.sampled();
      dataset = dataset.max(evidence.proposed());
    }
    return new Evidence(sampled, minConfidence, fields, dataset);
  }

  private FieldEvidence field(FieldSample sample) {
    Map<DataType, int[]> counts = new EnumMap<>(DataType.class);
    int nonNull = 0;
    int withFindings = 0;
    for (String value : sample.values()) {
      if (value == null) {
        continue;
      }
      nonNull++;
      List<Finding> findings = scanner.scan(value);
      if (!findings.isEmpty()) {
        withFindings++;
      }
      for (Finding f : findings) {
        int[] c = counts.computeIfAbsent(f.type(), t -> new int[2]);
        c[0]++;
        if (f.confidence() >= minConfidence) {
          c[1]++;
        }
      }
    }
    Classification proposed = Classification.INTERNAL;
    List<TypeCount> types = new ArrayList<>();
    for (Map.Entry<DataType, int[]> e : counts.entrySet()) {
      DataClass dataClass = e.getKey().dataClass();
      types.add(new TypeCount(e.getKey(), dataClass, e.getValue()[0], e.getValue()[1]));
      if (e.getValue()[1] > 0) {
        proposed = proposed.max(Classification.of(dataClass));
      }
    }
    return new FieldEvidence(
        sample.field(), sample.values().size(), nonNull, withFindings, types, proposed);
  }
}
