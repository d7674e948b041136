package io.membank.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;

/** Turns every exception that reaches REST into an RFC 7807 problem response. */
public class ProblemMappers {

  /** nginx's status for a request whose client closed the connection first. */
  static final int CLIENT_CLOSED_REQUEST = 499;

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  private final HttpConfig config;

  public ProblemMappers(HttpConfig config) {
    this.config = config;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.problem(), uri);
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    Problem problem =
        Problem.of(400, "validation", "Invalid request", "The request has invalid fields")
            .withErrors(errors);
    return respond(problem, uri);
  }

  @ServerExceptionMapper({
    JsonProcessingException.class,
    MismatchedInputException.class,
    InvalidFormatException.class,
    UnrecognizedPropertyException.class
  })
  public Response unreadable(JsonProcessingException e, UriInfo uri) {
    if (e instanceof InvalidDefinitionException) {
      return unexpected(e, uri); // a DTO Jackson cannot build is our bug, not the caller's
    }
    return respond(JsonProblems.of(e, config.json().maxNestingDepth()), uri);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri, ResourceInfo resource) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, uri);
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      // Quarkus REST's reader wraps parse errors and most binding errors in a bare 400.
      return unreadable(json, uri);
    }
    if (e instanceof NotFoundException && e.getCause() != null) {
      // JAX-RS says 404 when a query parameter does not convert; the caller needs 400 and a name.
      var parameter = QueryParameters.unconvertible(resource, uri);
      if (parameter.isPresent()) {
        Problem problem =
            Problem.of(
                    400,
                    "invalid-parameter",
                    "Invalid query parameter",
                    "Query parameter \""
                        + parameter.get().field()
                        + "\" "
                        + parameter.get().message())
                .withErrors(List.of(parameter.get()));
        return respond(problem, uri);
      }
    }
    if (status == Response.Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode()) {
      return respond(unsupportedMediaType(resource), uri);
    }
    String reason =
        Response.Status.fromStatusCode(status) == null
            ? "Error"
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    String detail =
        status == Response.Status.NOT_ACCEPTABLE.getStatusCode()
            ? "This operation answers application/json (problems as application/problem+json)"
            : e.getMessage();
    Problem problem = Problem.of(status, reason.toLowerCase().replace(' ', '-'), reason, detail);
    return respond(problem, uri);
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e, UriInfo uri) {
    if (Saturation.isSaturated(e)) {
      // A pool or queue is full: the caller may retry shortly, and nothing was half-done.
      LOG.warnf("http.saturated path=%s cause=%s", uri.getPath(), e.toString());
      Problem problem =
          Problem.of(
              503,
              "saturated",
              "Service busy",
              "A dependency of this service is saturated; retry after "
                  + config.overload().retryAfterSeconds()
                  + " s");
      return Response.fromResponse(respond(problem, uri))
          .header(HttpHeaders.RETRY_AFTER, config.overload().retryAfterSeconds())
          .build();
    }
    if (ClientGone.isGone(e)) {
      // The caller hung up (its own timeout) before its request was read: nothing of ours broke.
      LOG.infof("http.client_gone path=%s cause=%s", uri.getPath(), e.toString());
      return respond(
          Problem.of(
              CLIENT_CLOSED_REQUEST,
              "client-closed-request",
              "Client Closed Request",
              "The connection closed before the request was read"),
          uri);
    }
    // Our fault: log it with an id the caller can quote, and say nothing about internals.
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(e, "http.unexpected error_id=%s path=%s", errorId, uri.getPath());
    Problem problem =
        Problem.of(
            500, "internal", "Internal error", "Unexpected error; quote error id " + errorId);
    return respond(problem, uri);
  }

  private static Problem unsupportedMediaType(ResourceInfo resource) {
    Consumes consumes = null;
    if (resource != null && resource.getResourceMethod() != null) {
      consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
      if (consumes == null && resource.getResourceClass() != null) {
        consumes = resource.getResourceClass().getAnnotation(Consumes.class);
      }
    }
    String accepted =
        consumes == null ? MediaType.APPLICATION_JSON : String.join(", ", consumes.value());
    return Problem.of(
        415,
        "unsupported-media-type",
        "Unsupported Media Type",
        "This operation accepts Content-Type " + accepted);
  }

  /** Builds the response, filling in path, trace id and request id. */
  public static Response respond(Problem problem, UriInfo uri) {
    Problem full =
        problem.withContext(
            uri == null ? null : "/" + uri.getPath().replaceFirst("^/", ""),
            Traces.currentTraceId(),
            currentRequestId());
    return Response.status(full.status()).type(Problem.MEDIA_TYPE).entity(full).build();
  }

  private static String currentRequestId() {
    var request = CurrentRequestManager.get();
    if (request == null) {
      return null;
    }
    Object id = request.getProperty(RequestIds.KEY);
    return id == null ? null : id.toString();
  }

  /**
   * "add.request.conversations[0].messages[2].content" becomes the caller's JSON path {@code
   * conversations[0].messages[2].content} (snake_case in every MemBank API), not our method and
   * parameter names; a violation on a parameter itself (a query parameter) is named by it.
   */
  static String fieldName(ConstraintViolation<?> violation) {
    StringBuilder at = new StringBuilder();
    String parameter = "";
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case PARAMETER -> parameter = node.getName();
        case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
          if (node.isInIterable()) {
            at.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey());
            at.append(']');
          }
          if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
            at.append(at.isEmpty() ? "" : ".").append(snake(node.getName()));
          }
        }
        default -> {}
      }
    }
    return at.isEmpty() ? snake(parameter) : at.toString();
  }

  private static String snake(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
