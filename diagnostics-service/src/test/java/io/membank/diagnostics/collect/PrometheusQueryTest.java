package io.membank.diagnostics.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.membank.diagnostics.support.TestConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus source against a real Prometheus (the binary {@code bin/membank setup} installs)
 * scraping a service's management interface served by WireMock: the signals come back through
 * PromQL, and a service Prometheus does not scrape, or a Prometheus that is not there, gives
 * nothing (the collector then scrapes directly).
 */
class PrometheusQueryTest {

  static final String METRICS =
      """
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 1.0E8
      jvm_memory_max_bytes{area="heap",id="Tenured Gen"} 5.0E8
      # TYPE agroal_active_count gauge
      agroal_active_count{datasource="default"} 2.0
      # TYPE agroal_max_used_count gauge
      agroal_max_used_count{datasource="default"} 16.0
      # TYPE agroal_awaiting_count gauge
      agroal_awaiting_count{datasource="default"} 3.0
      # TYPE http_server_requests_seconds_count counter
      http_server_requests_seconds_count{status="200",uri="/api/v1/memories"} 10.0
      """;

  static WireMockServer service;
  static Process prometheus;
  static Path home;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    service = new WireMockServer(options().dynamicPort());
    service.start();
    service.stubFor(
        get(urlEqualTo("/q/metrics"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain; version=0.0.4")
                    .withBody(METRICS)));
    home = Files.createTempDirectory("prometheus-test");
    Files.writeString(
        home.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: membank
            metrics_path: /q/metrics
            static_configs:
              - targets: ["127.0.0.1:%d"]
                labels: { service: memory-service }
        """
            .formatted(service.port()));
    port = freePort();
    prometheus =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + home.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("prometheus.log").toFile())
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor();
    }
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void theSignalsOfAScrapedServiceComeFromPromQl() {
    PrometheusQuery query = query("http://127.0.0.1:" + port + "/");
    // two scrapes make a rate: wait for the request rate to exist
    List<Signal> signals =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> query.signals("memory-service", Instant.now()).orElse(List.of()),
                s -> s.stream().anyMatch(x -> x.metric() == Metric.REQUEST_RATE));

    assertThat(value(signals, Metric.HEAP_USED_RATIO)).isEqualTo(0.2);
    assertThat(value(signals, Metric.POOL_USAGE_RATIO)).isEqualTo(0.125);
    assertThat(value(signals, Metric.POOL_AWAITING)).isEqualTo(3.0);
    assertThat(value(signals, Metric.REQUEST_RATE)).isZero(); // the counter stands still
    // 0 requests: no 5xx ratio (NaN in PromQL) rather than a made-up 0
    assertThat(signals).noneMatch(s -> s.metric() == Metric.HTTP_5XX_RATIO);
    assertThat(signals).allMatch(s -> s.component().equals("memory-service"));
  }

  @Test
  void aServicePrometheusDoesNotScrapeOrAPrometheusThatIsGoneGiveNothing() throws Exception {
    PrometheusQuery query = query("http://127.0.0.1:" + port);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> query.signals("memory-service", Instant.now()).isPresent());

    assertThat(query.signals("graph-service", Instant.now())).isEmpty();
    assertThat(query("http://127.0.0.1:" + freePort()).signals("memory-service", Instant.now()))
        .isEmpty();
    assertThat(query("http://127.0.0.1:1").configured()).isTrue();
    assertThat(unconfigured().configured()).isFalse();
    assertThat(unconfigured().signals("memory-service", Instant.now())).isEqualTo(Optional.empty());
  }

  private static PrometheusQuery query(String url) {
    return new PrometheusQuery(
        TestConfig.load(Map.of("membank.diagnostics.collect.prometheus.url", url)));
  }

  private static PrometheusQuery unconfigured() {
    return new PrometheusQuery(TestConfig.defaults());
  }

  private static double value(List<Signal> signals, Metric metric) {
    return signals.stream()
        .filter(s -> s.metric() == metric)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " in " + signals))
        .value();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
