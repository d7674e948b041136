package io.membank.diagnostics.predict;

import io.membank.diagnostics.collect.Metric;
import io.membank.diagnostics.collect.SampleStore.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Time-to-exhaustion by least squares on the recent window (Commons Math): the crossing of the
 * fitted line with the limit, and a band from the slope's 95% confidence interval.
 */
public final class Forecaster {

  private Forecaster() {}

  /** The forecast for one series, if it rises towards its limit and crosses it within horizon. */
  public static Optional<Forecast> forecast(
      String component,
      Metric metric,
      List<Point> points,
      double limit,
      Instant now,
      Duration horizon,
      int minSamples) {
    if (points.size() < Math.max(3, minSamples)) {
      return Optional.empty();
    }
    long t0 = points.getFirst().at().toEpochMilli();
    SimpleRegression r = new SimpleRegression();
    for (Point p : points) {
      r.addData((p.at().toEpochMilli() - t0) / 1000.0, p.value());
    }
    double slope = r.getSlope();
    if (!(slope > 0)) {
      return Optional.empty();
    }
    double nowSeconds = (now.toEpochMilli() - t0) / 1000.0;
    double current = Math.max(r.predict(nowSeconds), points.getLast().value());
    if (current >= limit) {
      return Optional.of(
          new Forecast(
              component, metric, current, limit, slope * 3600, now, now, now, points.size()));
    }
    double halfWidth = halfWidth(r, points.size());
    Instant at = crossing(now, limit - current, slope);
    Instant earliest = crossing(now, limit - current, slope + halfWidth);
    Instant latest =
        slope - halfWidth > 0 ? crossing(now, limit - current, slope - halfWidth) : null;
    if (earliest.isAfter(now.plus(horizon))) {
      return Optional.empty();
    }
    return Optional.of(
        new Forecast(
            component, metric, current, limit, slope * 3600, at, earliest, latest, points.size()));
  }

  /** Half width of the slope's 95% confidence interval (t distribution, n − 2 degrees). */
  private static double halfWidth(SimpleRegression r, int n) {
    double se = r.getSlopeStdErr();
    if (n < 3 || Double.isNaN(se)) {
      return 0;
    }
    return new TDistribution(n - 2).inverseCumulativeProbability(0.975) * se;
  }

  private static Instant crossing(Instant now, double remaining, double slopePerSecond) {
    double seconds = remaining / slopePerSecond;
    return seconds > Duration.ofDays(3650).toSeconds()
        ? now.plus(Duration.ofDays(3650))
        : now.plusMillis((long) (seconds * 1000));
  }
}
