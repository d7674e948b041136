package io.membank.identity.apikey;

import io.membank.identity.CredentialProblem;
import io.membank.identity.CredentialRejectedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Takes an API key from {@code Authorization: Bearer mb_…} or {@code X-API-Key: mb_…} and has it
 * verified by {@link ApiKeyIdentityProvider}. It runs before the JWT mechanism and steps aside (no
 * identity, no failure) for any other credential, so JWTs keep working unchanged.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

  /** The header that carries a key on its own. */
  public static final String HEADER = "X-API-Key";

  private static final String BEARER = "Bearer ";

  /** Before smallrye-jwt (default priority 1000), which would refuse a key as a malformed JWT. */
  private static final int PRIORITY = 2000;

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    HttpServerRequest request = context.request();
    String presented =
        presentedKey(request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(HEADER));
    if (presented == null) {
      return Uni.createFrom().nullItem();
    }
    if (presented.isEmpty()) {
      return Uni.createFrom()
          .failure(CredentialRejectedException.failure(CredentialProblem.TWO_CREDENTIALS));
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(
            new ApiKeyAuthenticationRequest(presented), context));
  }

  /**
   * The API key of a request, null when it carries none (another mechanism's turn), or empty when
   * it carries a key and a second credential.
   */
  static String presentedKey(String authorization, String apiKeyHeader) {
    boolean hasHeader = apiKeyHeader != null && !apiKeyHeader.isBlank();
    boolean hasAuthorization = authorization != null && !authorization.isBlank();
    if (hasHeader) {
      return hasAuthorization ? "" : apiKeyHeader.strip();
    }
    if (hasAuthorization && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).strip();
      return ApiKeyFormat.looksLikeKey(token) ? token : null;
    }
    return null;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom()
        .item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"membank\""));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyAuthenticationRequest.class);
  }

  @Override
  public int getPriority() {
    return PRIORITY;
  }
}
