package io.membank.diagnostics.collect;

import io.membank.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * One collection round, in parallel: every configured service (health, and metrics from Prometheus
 * or its own endpoint), the broker's consumer lag and dead-letter sizes, PostgreSQL's sessions, and
 * watched paths; stored before they are returned.
 */
@ApplicationScoped
public class Collector {

  private static final Logger LOG = Logger.getLogger(Collector.class);

  private final DiagnosticsConfig.Collect config;
  private final ServiceScraper scraper;
  private final KafkaLag kafka;
  private final PostgresActivity postgres;
  private final PrometheusQuery prometheus;
  private final SampleStore store;

  public Collector(
      DiagnosticsConfig config,
      ServiceScraper scraper,
      KafkaLag kafka,
      PostgresActivity postgres,
      PrometheusQuery prometheus,
      SampleStore store) {
    this.config = config.collect();
    this.scraper = scraper;
    this.kafka = kafka;
    this.postgres = postgres;
    this.prometheus = prometheus;
    this.store = store;
  }

  /** Collects, stores and returns one round of signals. */
  public List<Signal> collect(Instant at) {
    List<Signal> signals = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<Signal>>> scrapes = new ArrayList<>();
      for (Map.Entry<String, String> target : config.targets().entrySet()) {
        scrapes.add(pool.submit(() -> target(target.getKey(), target.getValue(), at)));
      }
      if (config.kafka()) {
        scrapes.add(pool.submit(() -> kafka.collect(at)));
      }
      if (config.postgres().enabled()) {
        scrapes.add(pool.submit(() -> postgres.collect(at)));
      }
      for (Future<List<Signal>> f : scrapes) {
        signals.addAll(get(f));
      }
    }
    config
        .disks()
        .forEach(
            (name, disk) -> {
              long used = DiskUsage.bytesUnder(Path.of(disk.path()));
              signals.add(
                  new Signal(name, Metric.DISK_USAGE_RATIO, at, (double) used / disk.limitBytes()));
            });
    store.append(signals);
    LOG.debugf("diagnostics.collected signals=%d", signals.size());
    return signals;
  }

  /**
   * One service: health from its management interface, metrics from Prometheus when configured and
   * it has them, from the service's own {@code /q/metrics} otherwise.
   */
  private List<Signal> target(String service, String managementUrl, Instant at) {
    if (!prometheus.configured()) {
      return scraper.scrape(service, managementUrl, at);
    }
    List<Signal> out = scraper.health(service, managementUrl, at);
    if (ServiceScraper.answered(out)) {
      out.addAll(
          prometheus
              .signals(service, at)
              .orElseGet(() -> scraper.metrics(service, managementUrl, at)));
    }
    return out;
  }

  private static List<Signal> get(Future<List<Signal>> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      LOG.warnf("diagnostics.collect.failed reason=%s", e.getCause().toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
