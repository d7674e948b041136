package io.membank.cost.recommend.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Instant queries against Prometheus' HTTP API ({@code GET /api/v1/query}). cost-service's own
 * reader (diagnostics-service has one of its own: services share no code but platform/).
 */
public class PrometheusReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final Duration timeout;
  private final HttpClient http;

  public PrometheusReader(String url, Duration timeout) {
    this.url = url.replaceAll("/+$", "");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The first sample of the query's result; empty when there is none or it is not a number. */
  public OptionalDouble value(String promql) throws IOException, InterruptedException {
    URI uri =
        URI.create(
            url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
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
    try {
      double v = Double.parseDouble(sample.path(1).asText());
      return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
