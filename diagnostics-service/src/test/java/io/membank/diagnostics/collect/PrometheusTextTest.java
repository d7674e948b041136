package io.membank.diagnostics.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  static final String DOCUMENT =
      """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E8
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E8
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
      jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
      jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 5.0E8
      agroal_active_count{datasource="default"} 15.0
      agroal_max_used_count{datasource="default"} 16.0
      agroal_awaiting_count{datasource="default"} 3.0
      http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/api/v1/memories"} 90.0
      http_server_requests_seconds_sum{method="GET",outcome="SUCCESS",status="200",uri="/api/v1/memories"} 9.0
      http_server_requests_seconds_count{method="GET",outcome="SERVER_ERROR",status="503",uri="/a,b{c}"} 10.0
      http_server_requests_seconds_sum{method="GET",outcome="SERVER_ERROR",status="503",uri="/a,b{c}"} 1.0
      label_with_quote{detail="say \\"hi\\""} 1
      not a metric line
      """;

  @Test
  void parsesLabelsWithEscapedQuotesCommasAndBracesAndSkipsGarbage() {
    List<PrometheusText.Sample> samples = PrometheusText.parse(DOCUMENT);

    assertThat(samples).extracting(PrometheusText.Sample::name).doesNotContain("not");
    assertThat(samples)
        .filteredOn(s -> s.name().equals("label_with_quote"))
        .singleElement()
        .extracting(PrometheusText.Sample::labels)
        .isEqualTo(Map.of("detail", "say \"hi\""));
    assertThat(samples)
        .filteredOn(s -> s.label("uri").equals("/a,b{c}"))
        .extracting(PrometheusText.Sample::value)
        .containsExactly(10.0, 1.0);
  }

  @Test
  void derivesRatiosFromGaugesAndRatesFromTwoScrapes() {
    MetricsDerivation derivation = new MetricsDerivation();
    Instant t0 = Instant.parse("2026-12-04T03:00:00Z");
    List<Signal> first = derivation.derive("memory-service", t0, PrometheusText.parse(DOCUMENT));
    String later =
        DOCUMENT
            .replace(
                "status=\"200\",uri=\"/api/v1/memories\"} 90.0",
                "status=\"200\",uri=\"/api/v1/memories\"} 140.0")
            .replace(
                "status=\"503\",uri=\"/a,b{c}\"} 10.0", "status=\"503\",uri=\"/a,b{c}\"} 60.0");
    List<Signal> second =
        derivation.derive("memory-service", t0.plusSeconds(10), PrometheusText.parse(later));

    // heap: (1e8 + 3e8) / 5e8, the -1 (no limit) of Eden left out of the max
    assertThat(value(first, Metric.HEAP_USED_RATIO)).isEqualTo(0.8);
    assertThat(value(first, Metric.POOL_USAGE_RATIO)).isEqualTo(15.0 / 16.0);
    assertThat(value(first, Metric.POOL_AWAITING)).isEqualTo(3.0);
    assertThat(first).extracting(Signal::metric).doesNotContain(Metric.HTTP_5XX_RATIO);
    // 100 new requests in 10 s, 50 of them 503
    assertThat(value(second, Metric.REQUEST_RATE)).isEqualTo(10.0);
    assertThat(value(second, Metric.HTTP_5XX_RATIO)).isEqualTo(0.5);
  }

  private static double value(List<Signal> signals, Metric metric) {
    return signals.stream().filter(s -> s.metric() == metric).findFirst().orElseThrow().value();
  }
}
