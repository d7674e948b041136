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
 * One collection round: every configured service (health and metrics, in parallel), the broker's
 * consumer lag and dead-letter sizes, and watched paths; stored before they are returned.
 */
@ApplicationScoped
public class Collector {

  private static final Logger LOG = Logger.getLogger(Collector.class);

  private final DiagnosticsConfig.Collect config;
  private final ServiceScraper scraper;
  private final KafkaLag kafka;
  private final SampleStore store;

  public Collector(
      DiagnosticsConfig config, ServiceScraper scraper, KafkaLag kafka, SampleStore store) {
    this.config = config.collect();
    this.scraper = scraper;
    this.kafka = kafka;
    this.store = store;
  }

  /** Collects, stores and returns one round of signals. */
  public List<Signal> collect(Instant at) {
    List<Signal> signals = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<Signal>>> scrapes = new ArrayList<>();
      for (Map.Entry<String, String> target : config.targets().entrySet()) {
        scrapes.add(pool.submit(() -> scraper.scrape(target.getKey(), target.getValue(), at)));
      }
      Future<List<Signal>> lag = config.kafka() ? pool.submit(() -> kafka.collect(at)) : null;
      for (Future<List<Signal>> f : scrapes) {
        signals.addAll(get(f));
      }
      if (lag != null) {
        signals.addAll(get(lag));
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
