package io.membank.diagnostics.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads one service's management interface: {@code /q/health/ready}, {@code /q/health/live} and
 * {@code /q/metrics}. A service that does not answer is not ready and not live: that is the
 * evidence of {@code service_down}, never an error of the collector.
 */
@ApplicationScoped
public class ServiceScraper {

  private static final Logger LOG = Logger.getLogger(ServiceScraper.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;
  private final MetricsDerivation derivation = new MetricsDerivation();

  public ServiceScraper(DiagnosticsConfig config) {
    this.timeout = config.collect().timeout();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Signals of one service from its management base URL: health, then its metrics. */
  public List<Signal> scrape(String service, String managementUrl, Instant at) {
    List<Signal> out = health(service, managementUrl, at);
    if (answered(out)) {
      out.addAll(metrics(service, managementUrl, at));
    }
    return out;
  }

  /** Reachability, readiness, liveness and the known readiness checks of one service. */
  public List<Signal> health(String service, String managementUrl, Instant at) {
    List<Signal> out = new ArrayList<>();
    Response ready = get(managementUrl + "/q/health/ready");
    Response live = get(managementUrl + "/q/health/live");
    boolean answered = ready.status() != 0 || live.status() != 0;
    out.add(new Signal(service, Metric.REACHABLE, at, answered ? 1 : 0));
    out.add(new Signal(service, Metric.READY, at, ready.status() == 200 ? 1 : 0));
    if (answered) {
      // Liveness DOWN means "alive but must restart"; a process that is gone is service_down.
      out.add(new Signal(service, Metric.LIVE, at, live.status() == 200 ? 1 : 0));
    }
    readinessChecks(service, at, ready, out);
    if (!answered) {
      derivation.forget(service); // gone: its counters start again from zero when it is back
    }
    return out;
  }

  /** Whether the health signals say the service answered at all. */
  public static boolean answered(List<Signal> health) {
    return health.stream().anyMatch(s -> s.metric() == Metric.REACHABLE && s.value() > 0);
  }

  /** The metric signals of one service from its own {@code /q/metrics}. */
  public List<Signal> metrics(String service, String managementUrl, Instant at) {
    Response metrics = get(managementUrl + "/q/metrics");
    if (metrics.status() != 200) {
      return List.of();
    }
    return derivation.derive(service, at, PrometheusText.parse(metrics.body()));
  }

  /** The readiness checks we know, as 1 (UP) / 0 (DOWN) signals. */
  private static void readinessChecks(
      String service, Instant at, Response ready, List<Signal> out) {
    if (ready.body() == null || ready.body().isBlank()) {
      return;
    }
    try {
      for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
        String name = check.path("name").asText("").toLowerCase();
        double up = "UP".equals(check.path("status").asText()) ? 1 : 0;
        if (name.contains("kafka")) {
          out.add(new Signal(service, Metric.KAFKA_CHECK, at, up));
        } else if (name.contains("database")) {
          out.add(new Signal(service, Metric.DATABASE_CHECK, at, up));
        } else if (name.contains("neo4j")) {
          out.add(new Signal(service, Metric.NEO4J_CHECK, at, up));
        }
      }
    } catch (IOException e) {
      LOG.debugf("diagnostics.scrape.health_unreadable service=%s", service);
    }
  }

  /** A response; status 0 when the service did not answer at all. */
  private record Response(int status, String body) {}

  private Response get(String url) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Response(0, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, null);
    }
  }
}
