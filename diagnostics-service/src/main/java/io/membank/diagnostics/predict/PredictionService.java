package io.membank.diagnostics.predict;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.DiagnosticsEvent;
import io.membank.contracts.EventTypes;
import io.membank.diagnostics.collect.Metric;
import io.membank.diagnostics.collect.SampleStore;
import io.membank.diagnostics.collect.SampleStore.Point;
import io.membank.diagnostics.config.DiagnosticsConfig;
import io.membank.diagnostics.events.DiagnosticsEvents;
import io.membank.diagnostics.paging.PagerDuty;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Forecasts exhaustion of heap, pools, file descriptors, watched disks, consumer lag and
 * dead-letter size; proposes a maintenance window before each, away from busy hours; warns once per
 * resource and hour (an event on {@code diagnostics.events} and a warning page).
 */
@ApplicationScoped
public class PredictionService {

  private static final Logger LOG = Logger.getLogger(PredictionService.class);

  /** Forecast resources: ratio metrics exhaust at 1, the others at their critical threshold. */
  static final List<Metric> FORECAST =
      List.of(
          Metric.HEAP_AFTER_GC_RATIO,
          Metric.POOL_USAGE_RATIO,
          Metric.PG_CONNECTIONS_RATIO,
          Metric.FD_USAGE_RATIO,
          Metric.DISK_USAGE_RATIO,
          Metric.CONSUMER_LAG,
          Metric.DLQ_RECORDS);

  private static final Duration BUSY_HOURS_HISTORY = Duration.ofDays(7);
  private static final Duration WARN_AGAIN_AFTER = Duration.ofHours(1);

  private final SampleStore samples;
  private final DiagnosticsConfig config;
  private final DiagnosticsEvents events;
  private final PagerDuty pager;
  private final AgroalDataSource db;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Instant> warned = new ConcurrentHashMap<>();

  public PredictionService(
      SampleStore samples,
      DiagnosticsConfig config,
      DiagnosticsEvents events,
      PagerDuty pager,
      AgroalDataSource db) {
    this.samples = samples;
    this.config = config;
    this.events = events;
    this.pager = pager;
    this.db = db;
  }

  /** Every resource forecast to run out within the horizon, soonest first. */
  public List<Forecast> predictions(Instant now) {
    DiagnosticsConfig.Prediction p = config.prediction();
    Instant since = now.minus(p.window());
    List<Forecast> out = new ArrayList<>();
    for (Metric metric : FORECAST) {
      Double limit = limit(metric);
      if (limit == null) {
        continue;
      }
      for (String component : samples.components(metric, since)) {
        List<Point> points = samples.series(component, metric, since);
        Forecaster.forecast(component, metric, points, limit, now, p.horizon(), p.minSamples())
            .ifPresent(out::add);
      }
    }
    out.sort(Comparator.comparing(Forecast::earliestAt));
    return out;
  }

  /** One maintenance window per forecast, before its earliest predicted exhaustion. */
  public List<MaintenanceWindow> maintenance(Instant now) {
    DiagnosticsConfig.Prediction p = config.prediction();
    List<Point> rates = new ArrayList<>();
    for (String c : samples.components(Metric.REQUEST_RATE, now.minus(BUSY_HOURS_HISTORY))) {
      rates.addAll(samples.history(c, Metric.REQUEST_RATE, now.minus(BUSY_HOURS_HISTORY)));
    }
    BusyHours busy = new BusyHours(rates);
    List<MaintenanceWindow> out = new ArrayList<>();
    for (Forecast f : predictions(now)) {
      Instant start =
          busy.quietestStart(now.plus(p.leadTime()), f.earliestAt(), p.maintenanceLength());
      out.add(
          new MaintenanceWindow(
              start,
              start.plus(p.maintenanceLength()),
              f.metric().key()
                  + " of "
                  + f.component()
                  + " reaches "
                  + f.limit()
                  + " around "
                  + f.exhaustedAt()
                  + " (earliest "
                  + f.earliestAt()
                  + ")",
              List.of(f.component()),
              f.earliestAt(),
              busy.rate(start.atZone(ZoneOffset.UTC).getHour()),
              busy.busiest()));
    }
    return out;
  }

  @Scheduled(every = "${membank.diagnostics.prediction.interval:1m}", delayed = "30s")
  void warn() {
    Instant now = clock.instant();
    for (Forecast f : predictions(now)) {
      String key = f.component() + "/" + f.metric().key();
      Instant last = warned.get(key);
      if (last != null && last.plus(WARN_AGAIN_AFTER).isAfter(now)) {
        continue;
      }
      warned.put(key, now);
      try (Connection c = db.getConnection()) {
        events.diagnostics(
            c,
            EventTypes.EXHAUSTION_PREDICTED,
            key,
            new DiagnosticsEvent(
                DiagnosticsEvent.Kind.EXHAUSTION_PREDICTED,
                OffsetDateTime.now(ZoneOffset.UTC),
                null,
                null,
                new DiagnosticsEvent.Prediction(
                    f.component(),
                    f.metric().key(),
                    f.current(),
                    f.limit(),
                    f.exhaustedAt().atOffset(ZoneOffset.UTC),
                    f.earliestAt().atOffset(ZoneOffset.UTC))));
      } catch (SQLException e) {
        LOG.warnf("diagnostics.prediction.event_failed key=%s reason=%s", key, e.getMessage());
      }
      pager.send(
          PagerDuty.EventAction.TRIGGER,
          "exhaustion-" + key,
          f.metric().key() + " of " + f.component() + " predicted to run out by " + f.earliestAt(),
          "warning",
          f.component(),
          Map.of("metric", f.metric().key(), "current", f.current(), "limit", f.limit()));
    }
  }

  private Double limit(Metric metric) {
    if (metric.limit().isPresent()) {
      return metric.limit().get();
    }
    DiagnosticsConfig.Threshold t = config.symptoms().thresholds().get(metric.key());
    return t == null ? null : t.critical();
  }
}
