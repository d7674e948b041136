package io.membank.diagnostics.symptom;

import io.membank.diagnostics.collect.Metric;
import java.time.Instant;

/**
 * Something observably wrong with one component.
 *
 * @param since first sample of the current unbroken breach
 * @param durationSeconds how long it has lasted at the last sample
 * @param evidence the PromQL that shows it in Prometheus
 */
public record Symptom(
    SymptomType type,
    Severity severity,
    String component,
    Metric metric,
    double value,
    double threshold,
    Instant since,
    long durationSeconds,
    Detector detector,
    String evidence) {}
