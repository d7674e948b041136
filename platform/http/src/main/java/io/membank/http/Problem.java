package io.membank.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An RFC 7807 problem document: the body of every error response in MemBank.
 *
 * @param type stable URI naming the kind of problem (clients switch on it)
 * @param title short human summary of the kind
 * @param status the HTTP status code
 * @param detail human explanation of this occurrence
 * @param instance the request path
 * @param traceId the OpenTelemetry trace id, when tracing is on
 * @param requestId the request id (from X-Request-Id or generated)
 * @param errors field-level violations for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    @JsonProperty("trace_id") String traceId,
    @JsonProperty("request_id") String requestId,
    List<FieldError> errors) {

  /** Media type of problem documents. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Base of every problem type URI. */
  public static final String TYPE_BASE = "https://membank.io/problems/";

  /** One invalid input field. */
  public record FieldError(String field, String message) {}

  /** A problem of the given kind; {@code slug} becomes the last segment of the type URI. */
  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_BASE + slug, title, status, detail, null, null, null, List.of());
  }

  /** This problem with field errors attached. */
  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, traceId, requestId, fieldErrors);
  }

  /** This problem with request context (path, trace id, request id) filled in. */
  public Problem withContext(String path, String trace, String request) {
    return new Problem(type, title, status, detail, path, trace, request, errors);
  }
}
