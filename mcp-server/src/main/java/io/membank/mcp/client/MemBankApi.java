package io.membank.mcp.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.mcp.config.McpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The MemBank REST API as the tools use it: JSON in and out, the caller's credential on every
 * request, and an answer that is not 2xx turned into an {@link ApiError} carrying the problem's
 * detail (RFC 7807) for the assistant to read.
 */
@ApplicationScoped
public class MemBankApi {

  /** A refused or failed call: the HTTP status and what the API said. */
  public static final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status (0 when the API could not be reached). */
    public int status() {
      return status;
    }
  }

  private final McpConfig config;
  private final Credential credential;
  private final ObjectMapper json;
  private final HttpClient http;

  MemBankApi(McpConfig config, Credential credential, ObjectMapper json) {
    this.config = config;
    this.credential = credential;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  /** Which deployed part answers a path (the gateway answers all of them). */
  public enum Backend {
    MEMORY,
    SEARCH,
    GRAPH
  }

  /** GET {@code path} with the query parameters (nulls left out). */
  public JsonNode get(Backend backend, String path, Map<String, ?> query) {
    return send(backend, "GET", path + query(query), null);
  }

  /** POST of a JSON body. */
  public JsonNode post(Backend backend, String path, Object body) {
    return send(backend, "POST", path, body);
  }

  /** DELETE; returns the body, or an empty object for 204. */
  public JsonNode delete(Backend backend, String path) {
    return send(backend, "DELETE", path, null);
  }

  /** A path segment, escaped. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(Backend backend, String method, String path, Object body) {
    String authorization =
        credential
            .authorization()
            .orElseThrow(
                () ->
                    new ApiError(
                        401,
                        "no MemBank credential: send Authorization: Bearer <API key or token>"
                            + " (or X-API-Key: <key>)"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base(backend) + path))
            .timeout(config.timeout())
            .header("Authorization", authorization)
            .header("Accept", "application/json");
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = response.body();
      if (response.statusCode() >= 200 && response.statusCode() < 300) {
        return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
      }
      throw new ApiError(response.statusCode(), problem(response.statusCode(), text));
    } catch (IOException e) {
      throw new ApiError(0, "MemBank API unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "interrupted");
    }
  }

  /** The problem's detail (and field errors) when the body is problem+json, else the status. */
  private String problem(int status, String body) {
    try {
      JsonNode p = json.readTree(body == null ? "" : body);
      if (p != null && p.hasNonNull("detail")) {
        StringBuilder sb = new StringBuilder("HTTP " + status + ": " + p.get("detail").asText());
        for (JsonNode e : p.path("errors")) {
          sb.append("; ")
              .append(e.path("field").asText())
              .append(": ")
              .append(e.path("message").asText());
        }
        return sb.toString();
      }
    } catch (IOException e) {
      // not JSON: fall through
    }
    return "HTTP " + status;
  }

  private String base(Backend backend) {
    String url =
        switch (backend) {
          case MEMORY -> config.apiUrl();
          case SEARCH -> config.searchUrl().orElse(config.apiUrl());
          case GRAPH -> config.graphUrl().orElse(config.apiUrl());
        };
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String query(Map<String, ?> params) {
    Map<String, Object> present = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (v != null) {
            present.put(k, v);
          }
        });
    if (present.isEmpty()) {
      return "";
    }
    return present.entrySet().stream()
        .map(e -> segment(e.getKey()) + "=" + segment(String.valueOf(e.getValue())))
        .collect(Collectors.joining("&", "?", ""));
  }
}
