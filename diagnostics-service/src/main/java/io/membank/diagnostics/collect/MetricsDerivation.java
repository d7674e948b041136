package io.membank.diagnostics.collect;

import io.membank.diagnostics.collect.PrometheusText.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one service's {@code /q/metrics} document into {@link Signal}s. Gauges are read as they
 * are; rates and ratios of counters need the previous scrape of the same service, which this keeps.
 */
public final class MetricsDerivation {

  /** The counters whose differences make rates. */
  record Counters(
      Instant at,
      double httpCount,
      double http5xx,
      double httpSum,
      double llmCount,
      double llmSum,
      double similarTotal,
      double similarUnavailable,
      double embeddingErrors,
      double searchCount,
      double searchSum,
      double batchSplits,
      double dbCount,
      double dbSum) {}

  private final Map<String, Counters> previous = new HashMap<>();

  /** Signals of {@code service} from its metrics document scraped at {@code at}. */
  public synchronized List<Signal> derive(String service, Instant at, List<Sample> samples) {
    List<Signal> out = new ArrayList<>();
    ratio(
        out,
        service,
        at,
        Metric.HEAP_USED_RATIO,
        PrometheusText.sum(samples, "jvm_memory_used_bytes", s -> s.label("area").equals("heap")),
        PrometheusText.sum(
            samples, "jvm_memory_max_bytes", s -> s.label("area").equals("heap") && s.value() > 0));
    ratio(
        out,
        service,
        at,
        Metric.HEAP_AFTER_GC_RATIO,
        PrometheusText.max(samples, "jvm_gc_live_data_size_bytes"),
        PrometheusText.max(samples, "jvm_gc_max_data_size_bytes"));
    gauge(
        out,
        service,
        at,
        Metric.UPTIME_SECONDS,
        PrometheusText.max(samples, "process_uptime_seconds"));
    ratio(
        out,
        service,
        at,
        Metric.POOL_USAGE_RATIO,
        PrometheusText.max(samples, "agroal_active_count"),
        PrometheusText.max(samples, "agroal_max_used_count"));
    gauge(
        out,
        service,
        at,
        Metric.POOL_AWAITING,
        PrometheusText.max(samples, "agroal_awaiting_count"));
    ratio(
        out,
        service,
        at,
        Metric.FD_USAGE_RATIO,
        PrometheusText.max(samples, "process_files_open_files"),
        PrometheusText.max(samples, "process_files_max_files"));
    gauge(
        out,
        service,
        at,
        Metric.CONSUMER_LAG,
        PrometheusText.max(samples, "kafka_consumer_fetch_manager_records_lag_max"));

    Counters now = counters(at, samples);
    Counters before = previous.put(service, now);
    if (before != null && now.at().isAfter(before.at())) {
      rates(out, service, at, before, now);
    }
    return out;
  }

  /** Forgets a service's counters (it restarted: its counters began again at zero). */
  public synchronized void forget(String service) {
    previous.remove(service);
  }

  private static Counters counters(Instant at, List<Sample> samples) {
    return new Counters(
        at,
        zeroIfNan(PrometheusText.sum(samples, "http_server_requests_seconds_count", s -> true)),
        zeroIfNan(
            PrometheusText.sum(
                samples,
                "http_server_requests_seconds_count",
                s -> s.label("status").startsWith("5"))),
        zeroIfNan(PrometheusText.sum(samples, "http_server_requests_seconds_sum", s -> true)),
        zeroIfNan(PrometheusText.sum(samples, "llm_request_duration_seconds_count", s -> true)),
        zeroIfNan(PrometheusText.sum(samples, "llm_request_duration_seconds_sum", s -> true)),
        zeroIfNan(PrometheusText.sum(samples, "memory_similar_lookups_total", s -> true)),
        zeroIfNan(
            PrometheusText.sum(
                samples,
                "memory_similar_lookups_total",
                s -> s.label("source").equals("unavailable"))),
        zeroIfNan(PrometheusText.sum(samples, "search_embedding_errors_total", s -> true)),
        zeroIfNan(PrometheusText.sum(samples, "search_latency_seconds_count", s -> true)),
        zeroIfNan(PrometheusText.sum(samples, "search_latency_seconds_sum", s -> true)),
        zeroIfNan(PrometheusText.sum(samples, "graph_events_batch_splits_total", s -> true)),
        zeroIfNan(
            PrometheusText.sum(samples, "memory_operation_duration_seconds_count", s -> true)),
        zeroIfNan(PrometheusText.sum(samples, "memory_operation_duration_seconds_sum", s -> true)));
  }

  private static void rates(List<Signal> out, String service, Instant at, Counters a, Counters b) {
    double seconds = (b.at().toEpochMilli() - a.at().toEpochMilli()) / 1000.0;
    double requests = b.httpCount() - a.httpCount();
    if (requests < 0) {
      return; // counters reset: the service restarted between the scrapes
    }
    gauge(out, service, at, Metric.REQUEST_RATE, requests / seconds);
    if (requests > 0) {
      gauge(out, service, at, Metric.HTTP_5XX_RATIO, (b.http5xx() - a.http5xx()) / requests);
      gauge(out, service, at, Metric.HTTP_LATENCY_SECONDS, (b.httpSum() - a.httpSum()) / requests);
    }
    mean(
        out,
        service,
        at,
        Metric.LLM_LATENCY_SECONDS,
        b.llmSum() - a.llmSum(),
        b.llmCount() - a.llmCount());
    mean(
        out,
        service,
        at,
        Metric.SIMILAR_UNAVAILABLE_RATIO,
        b.similarUnavailable() - a.similarUnavailable(),
        b.similarTotal() - a.similarTotal());
    mean(
        out,
        service,
        at,
        Metric.SEARCH_LATENCY_SECONDS,
        b.searchSum() - a.searchSum(),
        b.searchCount() - a.searchCount());
    mean(
        out,
        service,
        at,
        Metric.DB_OPERATION_SECONDS,
        b.dbSum() - a.dbSum(),
        b.dbCount() - a.dbCount());
    gauge(
        out,
        service,
        at,
        Metric.EMBEDDING_ERRORS,
        (b.embeddingErrors() - a.embeddingErrors()) / seconds);
    gauge(
        out, service, at, Metric.GRAPH_BATCH_SPLITS, (b.batchSplits() - a.batchSplits()) / seconds);
  }

  private static void mean(
      List<Signal> out, String service, Instant at, Metric metric, double sum, double count) {
    if (count > 0) {
      gauge(out, service, at, metric, sum / count);
    }
  }

  private static void ratio(
      List<Signal> out, String service, Instant at, Metric metric, double part, double whole) {
    if (!Double.isNaN(part) && !Double.isNaN(whole) && whole > 0) {
      out.add(new Signal(service, metric, at, part / whole));
    }
  }

  private static void gauge(List<Signal> out, String service, Instant at, Metric metric, double v) {
    if (!Double.isNaN(v) && !Double.isInfinite(v)) {
      out.add(new Signal(service, metric, at, v));
    }
  }

  private static double zeroIfNan(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
