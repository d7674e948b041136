package io.membank.diagnostics.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.diagnostics.collect.Metric;
import io.membank.diagnostics.collect.SampleStore.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecasterTest {

  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void aDiskGrowingTenPercentAnHourFromHalfFullRunsOutInFiveHoursWithABandAroundIt() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i <= 60; i++) {
      // 0.4 → 0.5 over the last hour, with ±0.005 noise
      points.add(
          new Point(
              NOW.minusSeconds(3600 - 60L * i), 0.4 + i / 600.0 + (i % 2 == 0 ? 0.005 : -0.005)));
    }

    Forecast f =
        Forecaster.forecast(
                "search-index", Metric.DISK_USAGE_RATIO, points, 1.0, NOW, Duration.ofHours(72), 6)
            .orElseThrow();

    assertThat(f.slopePerHour()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
    assertThat(Duration.between(NOW, f.exhaustedAt()).toMinutes()).isBetween(280L, 320L);
    assertThat(f.earliestAt()).isBefore(f.exhaustedAt());
    assertThat(f.latestAt()).isAfter(f.exhaustedAt());
  }

  @Test
  void aFlatOrFallingSeriesOrOneBeyondTheHorizonHasNoForecast() {
    List<Point> flat = new ArrayList<>();
    List<Point> slow = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      Instant at = NOW.minusSeconds(1800 - 60L * i);
      flat.add(new Point(at, 0.5));
      slow.add(new Point(at, 0.1 + i * 0.00001));
    }

    assertThat(
            Forecaster.forecast(
                "x", Metric.POOL_USAGE_RATIO, flat, 1.0, NOW, Duration.ofHours(72), 6))
        .isEmpty();
    assertThat(
            Forecaster.forecast(
                "x", Metric.POOL_USAGE_RATIO, slow, 1.0, NOW, Duration.ofHours(72), 6))
        .isEmpty();
  }

  @Test
  void theMaintenanceWindowGoesToTheQuietestHourBeforeTheDeadline() {
    List<Point> rates = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      for (int h = 0; h < 24; h++) {
        // busy office hours, quietest at 03:00 UTC
        double rate = h == 3 ? 1 : (h >= 8 && h <= 18 ? 100 : 20);
        rates.add(
            new Point(
                NOW.minus(Duration.ofDays(day))
                    .truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .plus(Duration.ofHours(h)),
                rate));
      }
    }
    BusyHours busy = new BusyHours(rates);

    Instant start = busy.quietestStart(NOW, NOW.plus(Duration.ofHours(20)), Duration.ofHours(1));
    Instant tooLate = busy.quietestStart(NOW, NOW.plus(Duration.ofHours(10)), Duration.ofHours(1));

    assertThat(start).isEqualTo(Instant.parse("2026-12-05T03:00:00Z"));
    // before 22:00 the quietest hours are 19-21 (20 req/s against 100 in office hours)
    assertThat(tooLate).isEqualTo(Instant.parse("2026-12-04T19:00:00Z"));
    assertThat(busy.busiest()).isEqualTo(100);
  }
}
