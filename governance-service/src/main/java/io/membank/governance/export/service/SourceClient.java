package io.membank.governance.export.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.governance.export.config.ExportConfig;
import io.membank.identity.ServiceCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads one page of a subject's records from another service's internal export endpoint, with a
 * service credential for the tenant (platform/identity {@link ServiceCredentials}). The base URL is
 * the service's {@code quarkus.rest-client.<service>.url}, which {@code bin/membank up} and the
 * chart set for every peer. JDK {@link HttpClient}: one GET per page needs no client library.
 */
@ApplicationScoped
public class SourceClient {

  /**
   * One page: its records (a JSON array), the cursor of the next one (none at the end), the total.
   */
  public record Page(JsonNode items, Optional<String> nextCursor, long total) {}

  private final ServiceCredentials credentials;
  private final ExportConfig config;
  private final ObjectMapper json;
  private final HttpClient http;

  public SourceClient(ServiceCredentials credentials, ExportConfig config, ObjectMapper json) {
    this.credentials = credentials;
    this.config = config;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
  }

  /** The page after {@code cursor} (the first one when empty). */
  public Page page(Source source, String tenant, String subject, Optional<String> cursor)
      throws IOException, InterruptedException {
    StringBuilder uri =
        new StringBuilder(baseUrl(source.service()))
            .append("/internal/v1/subjects/")
            .append(encode(subject))
            .append("/export/")
            .append(source.name())
            .append("?limit=")
            .append(config.pageSize());
    cursor.ifPresent(c -> uri.append("&cursor=").append(encode(c)));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(config.requestTimeout())
            .header("Authorization", "Bearer " + credentials.forTenant(tenant))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(
            source.service()
                + "-service answered "
                + response.statusCode()
                + " for "
                + source.name());
      }
      JsonNode page = json.readTree(body);
      JsonNode items = page.path("items");
      if (!items.isArray()) {
        throw new IOException(source.service() + "-service sent a page without items");
      }
      JsonNode next = page.path("next_cursor");
      return new Page(
          items,
          next.isTextual() && !next.asText().isEmpty()
              ? Optional.of(next.asText())
              : Optional.empty(),
          page.path("total").asLong(-1));
    }
  }

  private static String baseUrl(String service) {
    String url =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.rest-client." + service + ".url", String.class)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "quarkus.rest-client." + service + ".url is not configured"));
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
