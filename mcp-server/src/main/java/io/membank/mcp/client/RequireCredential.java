package io.membank.mcp.client;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers 401 (with a {@code WWW-Authenticate: Bearer} challenge) to MCP requests over HTTP that
 * carry no credential, before any MCP session is made. Whether the credential is valid, and what it
 * may do, MemBank's API decides on each tool call.
 */
@ApplicationScoped
public class RequireCredential {

  /** The path of the streamable HTTP endpoint (and the legacy SSE one below it). */
  static final String MCP_PATHS = "/mcp*";

  void install(@Observes Router router) {
    router
        .route(MCP_PATHS)
        .order(-100)
        .handler(
            rc -> {
              boolean present =
                  Credential.fromHeaders(
                          rc.request().getHeader("Authorization"),
                          rc.request().getHeader(Credential.API_KEY_HEADER))
                      .isPresent();
              if (present) {
                rc.next();
              } else {
                rc.response()
                    .setStatusCode(401)
                    .putHeader("WWW-Authenticate", "Bearer realm=\"membank\"")
                    .putHeader("Content-Type", "application/problem+json")
                    .end(
                        "{\"type\":\"https://membank.io/problems/unauthorized\","
                            + "\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"detail\":\"send Authorization: Bearer <MemBank API key or token>\"}");
              }
            });
  }
}
