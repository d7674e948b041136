package io.membank.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
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

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
  public Response unreadable(Exception e, UriInfo uri) {
    String detail = "The body is not valid JSON for this operation";
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      // Name the field: "at filters.date_range.start".
      StringBuilder at = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          at.append(at.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          at.append('[').append(ref.getIndex()).append(']');
        }
      }
      detail += " at " + at + ": " + m.getOriginalMessage();
    } else if (e instanceof JsonProcessingException json) {
      detail += ": " + json.getOriginalMessage();
    }
    return respond(Problem.of(400, "malformed-body", "Malformed request body", detail), uri);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e, uri);
    }
    String reason =
        Response.Status.fromStatusCode(status) == null
            ? "Error"
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    Problem problem =
        Problem.of(status, reason.toLowerCase().replace(' ', '-'), reason, e.getMessage());
    return respond(problem, uri);
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e, UriInfo uri) {
    // Our fault: log it with an id the caller can quote, and say nothing about internals.
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(e, "http.unexpected error_id=%s path=%s", errorId, uri.getPath());
    Problem problem =
        Problem.of(
            500, "internal", "Internal error", "Unexpected error; quote error id " + errorId);
    return respond(problem, uri);
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

  private static String fieldName(ConstraintViolation<?> violation) {
    // "add.request.userId" -> "user_id": the caller knows the JSON field (snake_case in every
    // MemBank API), not our method and parameter names.
    String path = violation.getPropertyPath().toString();
    int dot = path.lastIndexOf('.');
    String name = dot < 0 ? path : path.substring(dot + 1);
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
