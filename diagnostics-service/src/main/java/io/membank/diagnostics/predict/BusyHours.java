package io.membank.diagnostics.predict;

import io.membank.diagnostics.collect.SampleStore.Point;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Mean request rate per hour of day (UTC), learnt from the request-rate history. */
public final class BusyHours {

  private final double[] rateByHour = new double[24];
  private final boolean known;

  public BusyHours(List<Point> requestRates) {
    SummaryStatistics[] hours = new SummaryStatistics[24];
    for (int h = 0; h < 24; h++) {
      hours[h] = new SummaryStatistics();
    }
    for (Point p : requestRates) {
      hours[p.at().atZone(ZoneOffset.UTC).getHour()].addValue(p.value());
    }
    boolean any = false;
    for (int h = 0; h < 24; h++) {
      rateByHour[h] = hours[h].getN() == 0 ? 0 : hours[h].getMean();
      any |= hours[h].getN() > 0;
    }
    known = any;
  }

  public double rate(int hourOfDay) {
    return rateByHour[hourOfDay];
  }

  public double busiest() {
    double max = 0;
    for (double r : rateByHour) {
      max = Math.max(max, r);
    }
    return max;
  }

  /**
   * The start of the quietest whole-hour window of {@code length} that starts no earlier than
   * {@code from} and ends no later than {@code deadline}; ties go to the earliest. When the history
   * is empty or no whole hour fits, the earliest possible start.
   */
  public Instant quietestStart(Instant from, Instant deadline, Duration length) {
    Instant first = from.truncatedTo(ChronoUnit.HOURS);
    if (first.isBefore(from)) {
      first = first.plus(Duration.ofHours(1));
    }
    Instant best = null;
    double bestRate = Double.MAX_VALUE;
    for (Instant t = first; !t.plus(length).isAfter(deadline); t = t.plus(Duration.ofHours(1))) {
      double r = rate(t.atZone(ZoneOffset.UTC).getHour());
      if (r < bestRate) {
        bestRate = r;
        best = t;
      }
      if (!known) {
        break;
      }
    }
    return best == null ? from : best;
  }
}
