package io.membank.diagnostics.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.membank.diagnostics.config.DiagnosticsConfig;
import io.membank.diagnostics.store.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Pages through the PagerDuty Events API v2 ({@code POST /v2/enqueue}): a trigger per critical
 * diagnosis or failed healing, deduplicated by key, and a resolve when it clears.
 */
@ApplicationScoped
public class PagerDuty {

  /** What PagerDuty does with the event. */
  public enum EventAction {
    TRIGGER,
    RESOLVE;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The Events v2 body. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(String routingKey, String eventAction, String dedupKey, Payload payload) {}

  /** The Events v2 payload. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Payload(
      String summary,
      String source,
      String severity,
      String timestamp,
      String component,
      String group,
      @JsonProperty("class") String className,
      Map<String, Object> customDetails) {}

  private final DiagnosticsConfig.PagerDuty config;
  private final HttpClient http;

  public PagerDuty(DiagnosticsConfig config) {
    this.config = config.pagerduty();
    this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
  }

  /** Whether paging is configured at all. */
  public boolean enabled() {
    return config.url().isPresent() && config.routingKey().isPresent();
  }

  /**
   * Sends one event; returns empty when PagerDuty accepted it (2xx), else why not. Never throws:
   * the caller records the error and tries again on the next run.
   */
  public Optional<String> send(
      EventAction action,
      String dedupKey,
      String summary,
      String severity,
      String component,
      Map<String, Object> details) {
    if (!enabled()) {
      return Optional.of("paging not configured");
    }
    Payload payload =
        action == EventAction.TRIGGER
            ? new Payload(
                abbreviate(summary),
                "membank-diagnostics",
                severity,
                Instant.now().toString(),
                component,
                "membank",
                "diagnosis",
                details)
            : null;
    Event event = new Event(config.routingKey().get(), action.key(), dedupKey, payload);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(config.url().get()))
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(event)))
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() / 100 == 2
          ? Optional.empty()
          : Optional.of("PagerDuty answered " + r.statusCode());
    } catch (IOException e) {
      return Optional.of("PagerDuty unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /** PagerDuty accepts summaries of up to 1024 characters. */
  private static String abbreviate(String s) {
    return s.length() <= 1024 ? s : s.substring(0, 1021) + "...";
  }
}
