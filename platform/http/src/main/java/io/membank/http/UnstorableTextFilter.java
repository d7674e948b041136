package io.membank.http;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a query or path parameter no store can keep (a NUL character, a lone surrogate) with a
 * 400 naming it, before any resource passes it to PostgreSQL, which would fail with a 500 (issue
 * 24: the fuzzer found {@code GET /api/v1/audit/events?event_type=…%00…}). Request bodies get the
 * same check from {@link StrictJson}.
 */
public class UnstorableTextFilter {

  @ServerRequestFilter
  public void check(UriInfo uri) {
    refuse("Query", uri.getQueryParameters());
    refuse("Path", uri.getPathParameters());
  }

  private static void refuse(String kind, Map<String, List<String>> parameters) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      String why = StrictJson.unacceptable(parameter.getKey());
      for (String value : parameter.getValue()) {
        if (why != null) {
          break;
        }
        why = StrictJson.unacceptable(value);
      }
      if (why != null) {
        Problem.FieldError error = new Problem.FieldError(parameter.getKey(), why);
        throw new ProblemException(
            Problem.of(
                    400,
                    "invalid-parameter",
                    "Invalid " + kind.toLowerCase(Locale.ROOT) + " parameter",
                    kind + " parameter \"" + error.field() + "\" " + why)
                .withErrors(List.of(error)));
      }
    }
  }
}
