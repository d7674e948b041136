package io.membank.mcp.client;

import io.membank.mcp.config.McpConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * The credential a tool call acts with: over HTTP the MCP client's own ({@code Authorization:
 * Bearer …}, or {@code X-API-Key}), passed through unchanged so MemBank checks tenant and roles;
 * over stdio (no HTTP request) the configured API key. Never a mix: an HTTP caller without a
 * credential does not borrow the configured one.
 */
@ApplicationScoped
public class Credential {

  /** Header of API keys besides {@code Authorization: Bearer}. */
  public static final String API_KEY_HEADER = "X-API-Key";

  private final Instance<CurrentVertxRequest> request;
  private final McpConfig config;

  Credential(Instance<CurrentVertxRequest> request, McpConfig config) {
    this.request = request;
    this.config = config;
  }

  /** The {@code Authorization} header value to send, if there is a credential. */
  public Optional<String> authorization() {
    Optional<RoutingContext> http = currentHttpRequest();
    if (http.isPresent()) {
      return fromHeaders(
          http.get().request().getHeader("Authorization"),
          http.get().request().getHeader(API_KEY_HEADER));
    }
    return config.apiKey().filter(k -> !k.isBlank()).map(k -> "Bearer " + k.strip());
  }

  /** {@code Authorization} as sent when it is a Bearer credential, else the API key header. */
  static Optional<String> fromHeaders(String authorization, String apiKey) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of("Bearer " + authorization.substring(7).strip());
    }
    if (apiKey != null && !apiKey.isBlank()) {
      return Optional.of("Bearer " + apiKey.strip());
    }
    return Optional.empty();
  }

  private Optional<RoutingContext> currentHttpRequest() {
    if (!request.isResolvable()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(request.get().getCurrent());
    } catch (ContextNotActiveException e) {
      return Optional.empty();
    }
  }
}
