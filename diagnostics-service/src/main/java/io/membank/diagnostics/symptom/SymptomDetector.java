package io.membank.diagnostics.symptom;

import io.membank.diagnostics.collect.Metric;
import io.membank.diagnostics.collect.SampleStore.Point;
import io.membank.diagnostics.collect.Signal;
import io.membank.diagnostics.config.DiagnosticsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Finds symptoms in the latest signals and their history: static thresholds from configuration,
 * departures from each metric's own baseline (median ± k · 1.4826 · MAD, robust to the spikes a
 * mean and standard deviation would chase), and a rising heap-after-GC for leaks. Pure logic: the
 * history comes from the caller.
 */
public final class SymptomDetector {

  /** The history of one series, oldest first. */
  public interface History {
    List<Point> of(String component, Metric metric, Instant since);
  }

  /** Consistency constant of the MAD for normally distributed data. */
  private static final double MAD_SCALE = 1.4826;

  /** Metrics watched for anomalies: their normal level differs per service and hour. */
  private static final List<Metric> ANOMALY_METRICS =
      List.of(
          Metric.HTTP_LATENCY_SECONDS,
          Metric.HTTP_5XX_RATIO,
          Metric.SEARCH_LATENCY_SECONDS,
          Metric.LLM_LATENCY_SECONDS,
          Metric.DB_OPERATION_SECONDS,
          Metric.CONSUMER_LAG);

  private final DiagnosticsConfig.Symptoms config;
  private final DiagnosticsConfig.Anomaly anomaly;

  public SymptomDetector(DiagnosticsConfig config) {
    this.config = config.symptoms();
    this.anomaly = config.anomaly();
  }

  /** Symptoms of the signals of one collection round. */
  public List<Symptom> detect(List<Signal> signals, History history) {
    List<Symptom> out = new ArrayList<>();
    Map<String, Double> uptimes = new HashMap<>();
    for (Signal s : signals) {
      if (s.metric() == Metric.UPTIME_SECONDS) {
        uptimes.put(s.component(), s.value());
      }
    }
    for (Signal s : signals) {
      Optional<Symptom> fixed = staticThreshold(s, history);
      fixed.ifPresent(out::add);
      if (fixed.isEmpty() && anomaly.enabled() && ANOMALY_METRICS.contains(s.metric())) {
        anomaly(s, history).ifPresent(out::add);
      }
      if (s.metric() == Metric.HEAP_AFTER_GC_RATIO) {
        leak(s, history, Optional.ofNullable(uptimes.get(s.component()))).ifPresent(out::add);
      }
    }
    return out;
  }

  Optional<Symptom> staticThreshold(Signal s, History history) {
    Optional<SymptomType> type = SymptomType.of(s.metric());
    DiagnosticsConfig.Threshold t = config.thresholds().get(s.metric().key());
    if (type.isEmpty() || t == null) {
      return Optional.empty();
    }
    double value = s.value();
    Instant windowStart = s.at().minus(config.window());
    Severity severity;
    double threshold;
    if (s.metric().breaches(value, t.critical())) {
      severity = Severity.CRITICAL;
      threshold = t.critical();
    } else if (s.metric().breaches(value, t.warning())) {
      severity = Severity.WARNING;
      threshold = t.warning();
    } else {
      return Optional.empty();
    }
    Instant since = breachStart(history.of(s.component(), s.metric(), windowStart), s, t.warning());
    return Optional.of(symptom(type.get(), severity, s, value, threshold, since, Detector.STATIC));
  }

  /** The first sample of the unbroken run of breaches that ends with {@code s}. */
  private static Instant breachStart(List<Point> points, Signal s, double threshold) {
    Instant since = s.at();
    for (int i = points.size() - 1; i >= 0; i--) {
      Point p = points.get(i);
      if (p.at().isAfter(s.at())) {
        continue;
      }
      if (!s.metric().breaches(p.value(), threshold)) {
        break;
      }
      since = p.at();
    }
    return since;
  }

  Optional<Symptom> anomaly(Signal s, History history) {
    List<Point> baseline =
        history.of(s.component(), s.metric(), s.at().minus(anomaly.baseline())).stream()
            .filter(p -> p.at().isBefore(s.at()))
            .toList();
    if (baseline.size() < anomaly.minSamples()) {
      return Optional.empty();
    }
    Band band = band(baseline.stream().mapToDouble(Point::value).toArray(), anomaly.k());
    boolean high =
        s.metric().direction() == Metric.Direction.HIGH_IS_BAD && s.value() > band.upper();
    boolean low = s.metric().direction() == Metric.Direction.LOW_IS_BAD && s.value() < band.lower();
    if (!high && !low) {
      return Optional.empty();
    }
    SymptomType type = SymptomType.of(s.metric()).orElseThrow();
    return Optional.of(
        symptom(
            type,
            Severity.WARNING,
            s,
            s.value(),
            high ? band.upper() : band.lower(),
            s.at(),
            Detector.ANOMALY));
  }

  /** The normal band of a baseline: median ± k · 1.4826 · MAD, with a floor on the spread. */
  public record Band(double median, double lower, double upper) {}

  public static Band band(double[] values, double k) {
    DescriptiveStatistics stats = new DescriptiveStatistics(values);
    double median = stats.getPercentile(50);
    DescriptiveStatistics deviations = new DescriptiveStatistics();
    for (double v : values) {
      deviations.addValue(Math.abs(v - median));
    }
    // A flat baseline has MAD 0; without a floor any change at all would be an anomaly.
    double scale =
        Math.max(MAD_SCALE * deviations.getPercentile(50), Math.max(0.05 * Math.abs(median), 1e-6));
    return new Band(median, median - k * scale, median + k * scale);
  }

  /**
   * A steady rise of heap-after-GC over the window. A process younger than the warm-up ({@code
   * symptoms.leak-warm-up}) gets no verdict, and only samples taken after its warm-up count: a JVM
   * fills its old generation with classes, caches and compiled code in its first minutes, and
   * samples of an earlier process (before a restart) belong to another heap. Without an uptime (a
   * target that does not report {@code process_uptime_seconds}) the whole window counts.
   */
  Optional<Symptom> leak(Signal s, History history, Optional<Double> uptimeSeconds) {
    Instant from = s.at().minus(config.window());
    if (uptimeSeconds.isPresent()) {
      Duration warmUp = config.leakWarmUp();
      long uptimeMillis = (long) (uptimeSeconds.get() * 1000);
      if (uptimeMillis < warmUp.toMillis()) {
        return Optional.empty();
      }
      Instant warm = s.at().minusMillis(uptimeMillis).plus(warmUp);
      if (warm.isAfter(from)) {
        from = warm;
      }
    }
    Instant since = from;
    List<Point> points =
        history.of(s.component(), s.metric(), since).stream()
            .filter(p -> !p.at().isBefore(since))
            .toList();
    if (points.size() < 6) {
      return Optional.empty();
    }
    SimpleRegression regression = new SimpleRegression();
    long t0 = points.getFirst().at().toEpochMilli();
    for (Point p : points) {
      regression.addData((p.at().toEpochMilli() - t0) / 1000.0, p.value());
    }
    double spanSeconds = (points.getLast().at().toEpochMilli() - t0) / 1000.0;
    double rise = regression.getSlope() * spanSeconds;
    if (regression.getSlope() <= 0
        || regression.getRSquare() < 0.7
        || rise < config.leakMinRise()) {
      return Optional.empty();
    }
    DiagnosticsConfig.Threshold heap = config.thresholds().get(Metric.HEAP_USED_RATIO.key());
    Severity severity =
        heap != null && s.value() >= heap.critical() ? Severity.CRITICAL : Severity.WARNING;
    return Optional.of(
        symptom(
            SymptomType.MEMORY_LEAK,
            severity,
            s,
            rise,
            config.leakMinRise(),
            points.getFirst().at(),
            Detector.TREND));
  }

  private static Symptom symptom(
      SymptomType type,
      Severity severity,
      Signal s,
      double value,
      double threshold,
      Instant since,
      Detector detector) {
    return new Symptom(
        type,
        severity,
        s.component(),
        s.metric(),
        value,
        threshold,
        since,
        Duration.between(since, s.at()).toSeconds(),
        detector,
        s.metric().promql(s.component()));
  }

  /** Config thresholds keyed by metric key, for tests and the README. */
  public Map<String, DiagnosticsConfig.Threshold> thresholds() {
    return config.thresholds();
  }
}
