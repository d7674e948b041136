package io.membank.identity.apikey;

import io.membank.identity.CredentialProblem;
import io.membank.identity.CredentialRejectedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Verifies an API key against the in-memory {@link ApiKeyDirectory} (on a worker thread: the first
 * verification of a secret costs an argon2id hash) and turns it into an identity with the key's
 * tenant and roles, exactly as a JWT with the same claims would be.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

  private final ApiKeyDirectory directory;
  private final LastUsedRecorder lastUsed;
  private final ApiKeyConfig config;

  ApiKeyIdentityProvider(
      ApiKeyDirectory directory, LastUsedRecorder lastUsed, ApiKeyConfig config) {
    this.directory = directory;
    this.lastUsed = lastUsed;
    this.config = config;
  }

  @Override
  public Class<ApiKeyAuthenticationRequest> getRequestType() {
    return ApiKeyAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
    if (!config.enabled()) {
      return failure(CredentialProblem.UNKNOWN_KEY);
    }
    var parts = ApiKeyFormat.parse(request.key());
    if (parts.isEmpty()) {
      return failure(CredentialProblem.MALFORMED_KEY);
    }
    return context.runBlocking(() -> identity(parts.get()));
  }

  private SecurityIdentity identity(ApiKeyFormat.Parts presented) {
    Instant now = Instant.now();
    return switch (directory.verify(presented, now)) {
      case ApiKeyDirectory.Rejected rejected ->
          throw CredentialRejectedException.failure(rejected.problem());
      case ApiKeyDirectory.Accepted accepted -> {
        lastUsed.touch(accepted.key().keyId(), now);
        ApiKeyPrincipal principal = new ApiKeyPrincipal(accepted.key());
        yield QuarkusSecurityIdentity.builder()
            .setPrincipal(principal)
            .addRoles(principal.getGroups())
            .build();
      }
    };
  }

  private static Uni<SecurityIdentity> failure(CredentialProblem problem) {
    return Uni.createFrom().failure(CredentialRejectedException.failure(problem));
  }
}
