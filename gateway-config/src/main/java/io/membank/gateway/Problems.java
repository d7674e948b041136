package io.membank.gateway;

import java.util.List;

/**
 * The problem+json bodies the gateways answer themselves (same shape as io.membank.http.Problem:
 * type, title, status, detail, request_id).
 */
final class Problems {

  static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_BASE = "https://membank.io/problems/";

  private Problems() {}

  /** 404 for a path no route matches; {@code requestIdVar} is an nginx variable or null. */
  static String notFound(String requestIdVar) {
    return body(
        "not-found", "Not Found", 404, "No MemBank API route matches this path", requestIdVar);
  }

  static String methodNotAllowed(List<String> allowed, String requestIdVar) {
    return body(
        "method-not-allowed",
        "Method Not Allowed",
        405,
        "This path accepts " + String.join(", ", allowed),
        requestIdVar);
  }

  static String payloadTooLarge(String requestIdVar) {
    return body(
        "payload-too-large",
        "Payload Too Large",
        413,
        "The request body exceeds the limit of this route",
        requestIdVar);
  }

  static String uriTooLong(String requestIdVar) {
    return body(
        "uri-too-long",
        "URI Too Long",
        414,
        "The request line exceeds 32 KiB: send long values in a request body",
        requestIdVar);
  }

  static String upstreamUnavailable(String requestIdVar) {
    return body(
        "service-unavailable",
        "Service Unavailable",
        503,
        "The service behind this route is not reachable",
        requestIdVar);
  }

  private static String body(
      String slug, String title, int status, String detail, String requestIdVar) {
    String json =
        "{\"type\":\""
            + TYPE_BASE
            + slug
            + "\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"";
    if (requestIdVar != null) {
      json += ",\"request_id\":\"" + requestIdVar + "\"";
    }
    return json + "}";
  }
}
