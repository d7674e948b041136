package io.membank.cost.recommend.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.membank.cost.config.CostConfig;
import io.membank.cost.recommend.Recommendation;
import io.membank.cost.recommend.Recommendation.Risk;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cloud recommendations from a real Prometheus (the binary {@code bin/membank setup} installs)
 * scraping three services' metrics served by WireMock, against requests from a Helm values file,
 * priced with the checked-in catalogue.
 */
class CloudRecommendationsTest {

  /** memory-service: 0.1 cores, 300 MiB, on 4 replicas of 1 core and 2 GiB. */
  static final String MEMORY =
      """
      # TYPE process_cpu_usage gauge
      process_cpu_usage 0.05
      # TYPE system_cpu_count gauge
      system_cpu_count 2.0
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.097152E8
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 1.048576E8
      # TYPE http_server_requests_seconds_count counter
      http_server_requests_seconds_count{status="200",uri="/api/v1/memories"} 10.0
      """;

  /** search-service: 0.2 cores, 800 MiB, a 20 GiB index volume with 2 GiB used. */
  static final String SEARCH =
      """
      # TYPE process_cpu_usage gauge
      process_cpu_usage 0.1
      # TYPE system_cpu_count gauge
      system_cpu_count 2.0
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 8.388608E8
      # TYPE kubelet_volume_stats_used_bytes gauge
      kubelet_volume_stats_used_bytes{persistentvolumeclaim="search-index-blue"} 2.147483648E9
      """;

  /** audit-service: idle, no request served. */
  static final String AUDIT =
      """
      # TYPE process_cpu_usage gauge
      process_cpu_usage 0.002
      # TYPE system_cpu_count gauge
      system_cpu_count 2.0
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.097152E8
      # TYPE http_server_requests_seconds_count counter
      http_server_requests_seconds_count{status="200",uri="/api/v1/audit/events"} 3.0
      """;

  static final String VALUES =
      """
      blueGreen: { active: blue }
      serviceDefaults:
        replicas: 4
        resources:
          requests: { cpu: "1", memory: 2Gi }
          limits: { cpu: "2", memory: 2Gi }
      services:
        memory-service: { short: memory }
        search-service:
          searchStore: lucene
          indexVolume: { size: 20Gi, storageClassName: "" }
          resources:
            requests: { cpu: 500m, memory: 1Gi }
        audit-service: { short: audit }
        cost-service: { short: cost }
      """;

  static WireMockServer targets;
  static Process prometheus;
  static Path home;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    targets = new WireMockServer(options().dynamicPort());
    targets.start();
    serve("/memory/q/metrics", MEMORY);
    serve("/search/q/metrics", SEARCH);
    serve("/audit/q/metrics", AUDIT);
    home = Files.createTempDirectory("cost-prometheus-test");
    StringBuilder jobs = new StringBuilder();
    for (String s : List.of("memory", "search", "audit")) {
      jobs.append(
          """
            - job_name: %1$s
              metrics_path: /%1$s/q/metrics
              static_configs:
                - targets: ["127.0.0.1:%2$d"]
                  labels: { service: %1$s-service }
          """
              .formatted(s, targets.port()));
    }
    Files.writeString(
        home.resolve("prometheus.yml"),
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n" + jobs);
    Files.writeString(home.resolve("values.yaml"), VALUES);
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
    if (targets != null) {
      targets.stop();
    }
  }

  @Test
  void eachServicesRequestAgainstItsP95GivesItsSavingsWithTheEvidenceQuery() throws Exception {
    CostConfig.Cloud config =
        TestCostConfig.load(
                Map.of(
                    "membank.cost.recommendations.cloud.prometheus-url",
                    "http://127.0.0.1:" + port,
                    "membank.cost.recommendations.cloud.window",
                    "10m",
                    "membank.cost.recommendations.cloud.resolution",
                    "1s"))
            .recommendations()
            .cloud();
    CloudPrices prices = CloudPrices.load();
    CloudRecommender recommender =
        new CloudRecommender(
            config,
            prices,
            new PrometheusReader("http://127.0.0.1:" + port + "/", Duration.ofSeconds(10)));
    List<Workload> workloads = HelmValuesWorkloads.read(List.of(home.resolve("values.yaml")));

    // two scrapes make a rate: until then audit-service has no request rate and is not "unused"
    List<Recommendation> all =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> recommender.recommend(workloads),
                r -> r.stream().anyMatch(x -> x.type().equals("unused")));

    double hours = prices.hoursPerMonth();
    double core = prices.vcpuHour() * hours;
    double gib = prices.gbHour() * hours;

    Recommendation cpu = find(all, "right_size_cpu", "memory-service-blue");
    // p95 0.1 cores × 1.3 = 130m per replica, from 1 core, on 4 replicas
    assertThat(cpu.monthlySavingsUsd()).isEqualTo(Recommendation.usd(4 * 0.87 * core));
    assertThat(cpu.risk()).isEqualTo(Risk.LOW);
    assertThat(cpu.apply().action()).isEqualTo("set_cpu_request");
    assertThat(cpu.apply().target()).isEqualTo("membank/Deployment/memory-service-blue");
    assertThat(cpu.apply().parameters()).containsEntry("cpu", "130m");
    assertThat(cpu.evidence().figures())
        .containsEntry("cpu_request_cores", 1.0)
        .containsEntry("cpu_p95_cores", 0.1)
        .containsEntry("memory_request_bytes", 2L * 1024 * 1024 * 1024)
        .containsEntry("memory_p95_bytes", 300L * 1024 * 1024)
        .containsEntry("replicas", 4);
    assertThat(cpu.evidence().queries().get(0))
        .isEqualTo(
            "quantile_over_time(0.95, sum(process_cpu_usage{service=\"memory-service\"}"
                + " * system_cpu_count{service=\"memory-service\"})[10m:1s])");

    // 4 replicas' load fits in 2 (the availability floor): 2 replicas of 1 core and 2 GiB saved
    Recommendation replicas = find(all, "idle_replicas", "memory-service-blue");
    assertThat(replicas.monthlySavingsUsd()).isEqualTo(Recommendation.usd(2 * (core + 2 * gib)));
    assertThat(replicas.apply().parameters()).containsEntry("replicas", 2);

    // 300 MiB × 1.3 = 390 MiB, rounded up to 400 MiB, from 2048 MiB
    Recommendation memory = find(all, "right_size_memory", "memory-service-blue");
    assertThat(memory.monthlySavingsUsd())
        .isEqualTo(Recommendation.usd(4 * (2048 - 400) / 1024.0 * gib));
    assertThat(memory.risk()).isEqualTo(Risk.MEDIUM);
    assertThat(memory.apply()).isNull();

    Recommendation spot = find(all, "spot", "memory-service-blue");
    assertThat(spot.monthlySavingsUsd())
        .isEqualTo(
            Recommendation.usd(
                4
                    * (prices.vcpuHour()
                        - prices.spotVcpuHour()
                        + 2 * (prices.gbHour() - prices.spotGbHour()))
                    * hours));

    // search-service on Lucene: one replica, 0.2 cores × 1.3 = 260m from 500m; its index volume
    // 2 GiB × 1.3 → 3 GiB of 20 GiB; no spot (it owns a volume)
    assertThat(find(all, "right_size_cpu", "search-service-blue").monthlySavingsUsd())
        .isEqualTo(Recommendation.usd(0.24 * core));
    Recommendation storage = find(all, "storage", "search-index-blue");
    assertThat(storage.monthlySavingsUsd()).isEqualByComparingTo(new BigDecimal("1.36"));
    assertThat(storage.evidence().queries().get(0)).contains("kubelet_volume_stats_used_bytes");
    assertThat(all).noneMatch(r -> r.type().equals("spot") && r.subject().startsWith("search"));

    // audit-service: 0.004 cores and no request: all of its 4 replicas
    Recommendation unused = find(all, "unused", "audit-service-blue");
    assertThat(unused.monthlySavingsUsd()).isEqualTo(Recommendation.usd(4 * (core + 2 * gib)));
    assertThat(unused.risk()).isEqualTo(Risk.HIGH);
    assertThat(all).noneMatch(r -> r.subject().equals("audit-service-blue") && r != unused);

    // cost-service is not scraped: nothing to compare its requests with
    assertThat(all).noneMatch(r -> r.subject().startsWith("cost-service"));
  }

  private static Recommendation find(List<Recommendation> all, String type, String subject) {
    return all.stream()
        .filter(r -> r.type().equals(type) && r.subject().equals(subject))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " for " + subject + " in " + all));
  }

  private static void serve(String path, String body) {
    targets.stubFor(
        get(urlEqualTo(path))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain; version=0.0.4")
                    .withBody(body)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
