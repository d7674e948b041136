package io.membank.identity;

import io.membank.http.Problem;
import io.membank.http.ProblemMappers;
import io.membank.identity.apikey.ApiKeyMechanism;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/** 401 and 403 as problem documents saying what to fix, with the Bearer challenge on 401. */
public class AuthProblemMappers {

  @ServerExceptionMapper({
    AuthenticationFailedException.class,
    AuthenticationCompletionException.class,
    UnauthorizedException.class
  })
  public Response unauthenticated(RuntimeException e, UriInfo uri, HttpHeaders headers) {
    CredentialProblem cause =
        cause(
            e,
            headers.getHeaderString(HttpHeaders.AUTHORIZATION),
            headers.getHeaderString(ApiKeyMechanism.HEADER));
    Problem problem = Problem.of(401, "unauthenticated", "Unauthenticated", cause.detail());
    return Response.fromResponse(ProblemMappers.respond(problem, uri))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"membank\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
    List<String> roles = rolesAllowed(resource);
    String detail =
        switch (roles.size()) {
          case 0 -> "The credential lacks the role this operation needs";
          case 1 -> "This operation needs the role " + roles.getFirst();
          default -> "This operation needs one of the roles " + String.join(", ", roles);
        };
    return ProblemMappers.respond(Problem.of(403, "forbidden", "Forbidden", detail), uri);
  }

  /** Why authentication failed, from the exception chain and the credential headers. */
  static CredentialProblem cause(Throwable e, String authorization, String apiKey) {
    boolean noAuthorization = authorization == null || authorization.isBlank();
    if (noAuthorization && (apiKey == null || apiKey.isBlank())) {
      return CredentialProblem.MISSING;
    }
    if (!noAuthorization && !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return apiKey == null ? CredentialProblem.NOT_BEARER : CredentialProblem.TWO_CREDENTIALS;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CredentialRejectedException rejected) {
        return rejected.problem();
      }
      if (t instanceof InvalidJwtException invalid) {
        return cause(invalid);
      }
    }
    // A Bearer header that smallrye-jwt could not even parse into a JWT.
    return e instanceof UnauthorizedException
        ? CredentialProblem.MALFORMED
        : CredentialProblem.OTHER;
  }

  private static CredentialProblem cause(InvalidJwtException e) {
    if (e.hasExpired()) {
      return CredentialProblem.EXPIRED;
    }
    if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)
        || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
      return CredentialProblem.NOT_YET_VALID;
    }
    if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
        || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
      return CredentialProblem.BAD_SIGNATURE;
    }
    if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
      return CredentialProblem.WRONG_ISSUER;
    }
    if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
      return CredentialProblem.NO_EXPIRY;
    }
    if (e.getErrorDetails().isEmpty()
        || e.hasErrorCode(ErrorCodes.JSON_INVALID)
        || e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
      // jose4j names no code when the key set has no key for the token's kid: a foreign signer.
      return e.getErrorDetails().isEmpty()
          ? CredentialProblem.BAD_SIGNATURE
          : CredentialProblem.MALFORMED;
    }
    return CredentialProblem.OTHER;
  }

  /** The roles of {@code @RolesAllowed} on the matched method, else on its class. */
  private static List<String> rolesAllowed(ResourceInfo resource) {
    if (resource == null || resource.getResourceMethod() == null) {
      return List.of();
    }
    RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    if (allowed == null && resource.getResourceClass() != null) {
      allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    return allowed == null ? List.of() : List.of(allowed.value());
  }
}
