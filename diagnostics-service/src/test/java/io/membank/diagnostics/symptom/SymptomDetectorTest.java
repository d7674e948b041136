package io.membank.diagnostics.symptom;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.diagnostics.collect.Metric;
import io.membank.diagnostics.collect.SampleStore.Point;
import io.membank.diagnostics.collect.Signal;
import io.membank.diagnostics.support.TestConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymptomDetectorTest {

  static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
  final SymptomDetector detector = new SymptomDetector(TestConfig.defaults());

  @Test
  void aServiceThatDoesNotAnswerIsDownWithTheDurationOfItsOutage() {
    List<Point> history =
        List.of(
            new Point(NOW.minusSeconds(40), 1),
            new Point(NOW.minusSeconds(30), 0),
            new Point(NOW.minusSeconds(20), 0),
            new Point(NOW.minusSeconds(10), 0),
            new Point(NOW, 0));
    List<Symptom> symptoms =
        detector.detect(
            List.of(new Signal("graph-service", Metric.REACHABLE, NOW, 0)), (c, m, s) -> history);

    assertThat(symptoms)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo(SymptomType.SERVICE_DOWN);
              assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(s.durationSeconds()).isEqualTo(30);
              assertThat(s.detector()).isEqualTo(Detector.STATIC);
              assertThat(s.evidence()).contains("graph-service");
            });
  }

  @Test
  void healthyValuesMakeNoSymptoms() {
    List<Signal> healthy =
        List.of(
            new Signal("memory-service", Metric.REACHABLE, NOW, 1),
            new Signal("memory-service", Metric.HEAP_USED_RATIO, NOW, 0.4),
            new Signal("memory-service", Metric.HTTP_5XX_RATIO, NOW, 0.0),
            new Signal("memory-service", Metric.REQUEST_RATE, NOW, 500));

    assertThat(detector.detect(healthy, (c, m, s) -> List.of())).isEmpty();
  }

  @Test
  void latencyFarAboveItsOwnBaselineIsAnAnomalyBelowTheStaticThreshold() {
    List<Point> baseline = new ArrayList<>();
    for (int i = 60; i > 0; i--) {
      baseline.add(new Point(NOW.minusSeconds(10L * i), 0.020 + (i % 5) * 0.001));
    }
    Signal slow = new Signal("search-service", Metric.HTTP_LATENCY_SECONDS, NOW, 0.4);
    Signal normal = new Signal("search-service", Metric.HTTP_LATENCY_SECONDS, NOW, 0.023);

    assertThat(detector.detect(List.of(slow), (c, m, s) -> baseline))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo(SymptomType.HIGH_LATENCY);
              assertThat(s.detector()).isEqualTo(Detector.ANOMALY);
              assertThat(s.threshold()).isBetween(0.02, 0.4);
            });
    assertThat(detector.detect(List.of(normal), (c, m, s) -> baseline)).isEmpty();
  }

  @Test
  void aSteadilyRisingHeapAfterGcIsALeakAndAFlatOneIsNot() {
    List<Point> rising = new ArrayList<>();
    List<Point> flat = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      Instant at = NOW.minusSeconds(600 - 10L * i);
      rising.add(new Point(at, 0.30 + i * 0.005));
      flat.add(new Point(at, 0.30 + (i % 2) * 0.01));
    }

    List<Symptom> leak =
        detector.detect(
            List.of(new Signal("memory-service", Metric.HEAP_AFTER_GC_RATIO, NOW, 0.6)),
            (c, m, s) -> rising);
    List<Symptom> none =
        detector.detect(
            List.of(new Signal("memory-service", Metric.HEAP_AFTER_GC_RATIO, NOW, 0.31)),
            (c, m, s) -> flat);

    assertThat(leak).extracting(Symptom::type).containsExactly(SymptomType.MEMORY_LEAK);
    assertThat(leak.getFirst().value()).isGreaterThan(0.25);
    assertThat(none).isEmpty();
  }

  /** Heap after GC of a JVM started {@code uptime} seconds before NOW, one sample per 10 s. */
  static List<Point> heapSince(long uptime, java.util.function.LongToDoubleFunction ratioAtAge) {
    List<Point> points = new ArrayList<>();
    for (long age = 10; age <= uptime; age += 10) {
      points.add(new Point(NOW.minusSeconds(uptime - age), ratioAtAge.applyAsDouble(age)));
    }
    return points;
  }

  List<Symptom> leakCheck(List<Point> history, long uptime) {
    return detector.detect(
        List.of(
            new Signal("audit-service", Metric.HEAP_AFTER_GC_RATIO, NOW, history.getLast().value()),
            new Signal("audit-service", Metric.UPTIME_SECONDS, NOW, uptime)),
        (c, m, s) -> history.stream().filter(p -> !p.at().isBefore(s)).toList());
  }

  @Test
  void aJvmWarmingUpIsNotALeakButALeakAfterItsWarmUpStillIs() {
    // Old generation filling from 10 % to 45 % in the first 4 minutes (classes, caches, JIT),
    // a steady rise that the regression alone would call a leak.
    List<Point> warmingUp = heapSince(240, age -> 0.10 + 0.35 * age / 240.0);
    // The same JVM 12 minutes later: the warm-up curve, then flat (still inside the 15 min window).
    List<Point> settled = heapSince(720, age -> age <= 240 ? 0.10 + 0.35 * age / 240.0 : 0.45);
    // A JVM up 12 minutes that leaks from minute 6 on: 0.30 → 0.60.
    List<Point> leaking =
        heapSince(720, age -> age <= 360 ? 0.30 : 0.30 + 0.3 * (age - 360) / 360.0);

    assertThat(leakCheck(warmingUp, 240)).isEmpty();
    assertThat(leakCheck(settled, 720)).isEmpty();
    assertThat(leakCheck(leaking, 720))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo(SymptomType.MEMORY_LEAK);
              // The regression starts after the 5 min warm-up, not at the window's start.
              assertThat(s.since()).isAfterOrEqualTo(NOW.minusSeconds(720 - 300));
            });
  }

  @Test
  void theWarmUpComesFromConfiguration() {
    SymptomDetector quick =
        new SymptomDetector(
            TestConfig.load(Map.of("membank.diagnostics.symptoms.leak-warm-up", "60s")));
    List<Point> leakingEarly = heapSince(240, age -> 0.10 + 0.35 * age / 240.0);
    Signal heap = new Signal("cost-service", Metric.HEAP_AFTER_GC_RATIO, NOW, 0.45);
    Signal uptime = new Signal("cost-service", Metric.UPTIME_SECONDS, NOW, 240);

    assertThat(detector.detect(List.of(heap, uptime), (c, m, s) -> leakingEarly)).isEmpty();
    assertThat(quick.detect(List.of(heap, uptime), (c, m, s) -> leakingEarly))
        .extracting(Symptom::type)
        .containsExactly(SymptomType.MEMORY_LEAK);
  }

  @Test
  void deadLetterGrowthIsTheRecordsNewInTheWindowNotTheTopicSize() {
    String topic = "memory.events.dlq.graph-service";
    // The topic's first sample: created by the poison itself, 20 records, all new.
    Signal grew = new Signal(topic, Metric.DLQ_NEW_RECORDS, NOW, 20);
    Signal size = new Signal(topic, Metric.DLQ_RECORDS, NOW, 120);
    Signal still = new Signal(topic, Metric.DLQ_NEW_RECORDS, NOW, 0);

    assertThat(detector.detect(List.of(size, grew), (c, m, s) -> List.of()))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo(SymptomType.DLQ_GROWTH);
              assertThat(s.metric()).isEqualTo(Metric.DLQ_NEW_RECORDS);
              assertThat(s.value()).isEqualTo(20);
              assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
            });
    assertThat(detector.detect(List.of(size, still), (c, m, s) -> List.of())).isEmpty();
  }

  @Test
  void thresholdsComeFromConfiguration() {
    SymptomDetector strict =
        new SymptomDetector(
            TestConfig.load(
                Map.of(
                    "membank.diagnostics.symptoms.thresholds.heap_used_ratio.warning", "0.3",
                    "membank.diagnostics.symptoms.thresholds.heap_used_ratio.critical", "0.35")));
    Signal heap = new Signal("cost-service", Metric.HEAP_USED_RATIO, NOW, 0.4);

    assertThat(detector.detect(List.of(heap), (c, m, s) -> List.of())).isEmpty();
    assertThat(strict.detect(List.of(heap), (c, m, s) -> List.of()))
        .extracting(Symptom::severity)
        .containsExactly(Severity.CRITICAL);
  }
}
