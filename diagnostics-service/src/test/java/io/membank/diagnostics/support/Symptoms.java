package io.membank.diagnostics.support;

import io.membank.diagnostics.collect.Metric;
import io.membank.diagnostics.symptom.Detector;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.Symptom;
import io.membank.diagnostics.symptom.SymptomType;
import java.time.Instant;

/** Named symptoms for diagnosis tests. */
public final class Symptoms {

  public static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");

  private Symptoms() {}

  public static Symptom of(SymptomType type, Metric metric, String component, Severity severity) {
    return new Symptom(
        type,
        severity,
        component,
        metric,
        0,
        0.5,
        T0,
        30,
        Detector.STATIC,
        metric.promql(component));
  }

  public static Symptom kafkaDown(String service) {
    return of(SymptomType.DEPENDENCY_DOWN, Metric.KAFKA_CHECK, service, Severity.CRITICAL);
  }

  public static Symptom down(String service) {
    return of(SymptomType.SERVICE_DOWN, Metric.REACHABLE, service, Severity.CRITICAL);
  }

  public static Symptom livenessDown(String service) {
    return of(SymptomType.LIVENESS_DOWN, Metric.LIVE, service, Severity.CRITICAL);
  }

  public static Symptom lag(String group) {
    return of(SymptomType.CONSUMER_LAG, Metric.CONSUMER_LAG, group, Severity.WARNING);
  }
}
