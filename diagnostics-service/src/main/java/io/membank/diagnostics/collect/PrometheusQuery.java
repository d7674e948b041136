package io.membank.diagnostics.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jboss.logging.Logger;

/**
 * The metric signals of a service from Prometheus' HTTP API ({@code GET /api/v1/query}): each
 * signal's own PromQL ({@link Metric#promql}), the query a symptom shows as its evidence, so what
 * diagnostics sees is what an operator sees in Prometheus. Used when {@code collect.prometheus.url}
 * is set; a service Prometheus does not scrape (no {@code up} series, or {@code up} 0 while the
 * service answers us), or a Prometheus that does not answer, gives empty: the caller then scrapes
 * the service directly.
 */
@ApplicationScoped
public class PrometheusQuery {

  private static final Logger LOG = Logger.getLogger(PrometheusQuery.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The signals a service's {@code /q/metrics} gives (see {@link MetricsDerivation}). */
  static final List<Metric> METRICS =
      List.of(
          Metric.HEAP_USED_RATIO,
          Metric.HEAP_AFTER_GC_RATIO,
          Metric.UPTIME_SECONDS,
          Metric.POOL_USAGE_RATIO,
          Metric.POOL_AWAITING,
          Metric.FD_USAGE_RATIO,
          Metric.CONSUMER_LAG,
          Metric.REQUEST_RATE,
          Metric.HTTP_5XX_RATIO,
          Metric.HTTP_LATENCY_SECONDS,
          Metric.LLM_LATENCY_SECONDS,
          Metric.SIMILAR_UNAVAILABLE_RATIO,
          Metric.SEARCH_LATENCY_SECONDS,
          Metric.DB_OPERATION_SECONDS,
          Metric.EMBEDDING_ERRORS,
          Metric.GRAPH_BATCH_SPLITS);

  private final Optional<String> url;
  private final Duration timeout;
  private final HttpClient http;

  public PrometheusQuery(DiagnosticsConfig config) {
    this.url = config.collect().prometheus().url().map(u -> u.replaceAll("/+$", ""));
    this.timeout = config.collect().prometheus().timeout();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Whether a Prometheus is configured at all. */
  public boolean configured() {
    return url.isPresent();
  }

  /**
   * The metric signals of {@code service} (its {@code service} label) as Prometheus has them; empty
   * when Prometheus cannot stand in for a scrape of it.
   */
  public Optional<List<Signal>> signals(String service, Instant at) {
    if (url.isEmpty()) {
      return Optional.empty();
    }
    try {
      OptionalDouble up = value(Metric.REACHABLE.promql(service));
      if (up.isEmpty() || up.getAsDouble() < 1) {
        LOG.debugf("diagnostics.prometheus.no_target service=%s: scraping it directly", service);
        return Optional.empty();
      }
      List<Signal> out = new ArrayList<>();
      for (Metric m : METRICS) {
        value(m.promql(service)).ifPresent(v -> out.add(new Signal(service, m, at, v)));
      }
      return Optional.of(out);
    } catch (IOException e) {
      LOG.debugf("diagnostics.prometheus.unavailable reason=%s: scraping directly", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The first sample of an instant query; empty when the result is empty or not a number. */
  OptionalDouble value(String promql) throws IOException, InterruptedException {
    URI uri =
        URI.create(
            url.orElseThrow()
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("Prometheus answered " + r.statusCode() + " to " + promql);
    }
    JsonNode data = JSON.readTree(r.body()).path("data");
    JsonNode result = data.path("result");
    JsonNode sample;
    if ("scalar".equals(data.path("resultType").asText())) {
      sample = result;
    } else if (result.isArray() && !result.isEmpty()) {
      sample = result.get(0).path("value");
    } else {
      return OptionalDouble.empty();
    }
    double v;
    try {
      v = Double.parseDouble(sample.path(1).asText());
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
    return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
  }
}
