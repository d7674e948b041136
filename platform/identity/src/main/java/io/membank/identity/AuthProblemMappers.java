package io.membank.identity;

import io.membank.http.Problem;
import io.membank.http.ProblemMappers;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 and 403 as problem documents, with the Bearer challenge on 401. */
public class AuthProblemMappers {

  @ServerExceptionMapper({
    AuthenticationFailedException.class,
    AuthenticationCompletionException.class,
    UnauthorizedException.class
  })
  public Response unauthenticated(RuntimeException e, UriInfo uri) {
    Problem problem =
        Problem.of(
            401,
            "unauthenticated",
            "Unauthenticated",
            "A valid Bearer credential is required (missing, malformed, expired or revoked)");
    return Response.fromResponse(ProblemMappers.respond(problem, uri))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"membank\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    Problem problem =
        Problem.of(
            403, "forbidden", "Forbidden", "The credential lacks the role this operation needs");
    return ProblemMappers.respond(problem, uri);
  }
}
