package io.membank.audit.webhooks.service;

import io.membank.audit.webhooks.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sends one signed delivery over HTTP: POST of the JSON body with the Standard Webhooks headers.
 * Redirects are not followed (a redirect could lead past the target check); any 2xx is success.
 */
@ApplicationScoped
public class WebhookSender {

  /** How an attempt ended: the HTTP status (0 when none) and, on failure, why. */
  public record Attempt(int status, String error) {

    /** Whether the receiver took it. */
    public boolean delivered() {
      return error == null;
    }
  }

  private static final int MAX_ERROR_CHARS = 500;

  private final WebhooksConfig config;
  private final TargetGuard guard;
  private final HttpClient client;

  WebhookSender(WebhooksConfig config, TargetGuard guard) {
    this.config = config;
    this.guard = guard;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Posts {@code body} to {@code url}, signed with {@code secret}, as message {@code msgId}. */
  public Attempt send(String url, String secret, String msgId, String body) {
    URI target;
    try {
      target = guard.check(url);
    } catch (TargetGuard.RefusedTarget e) {
      return new Attempt(0, "refused target: " + e.getMessage());
    }
    long timestamp = System.currentTimeMillis() / 1000;
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "MemBank-Webhooks/1")
            .header("webhook-id", msgId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", WebhookSignature.sign(secret, msgId, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Attempt(status, null);
      }
      return new Attempt(status, "HTTP " + status + ": " + cut(response.body()));
    } catch (IOException e) {
      return new Attempt(0, cut(e.getClass().getSimpleName() + ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(0, "interrupted");
    }
  }

  private static String cut(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "…";
  }
}
