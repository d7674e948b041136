package io.membank.identity;

import io.quarkus.security.AuthenticationFailedException;

/**
 * Why a verified JWT is still refused; travels as the cause of an {@link
 * AuthenticationFailedException} (which is final) to {@link AuthProblemMappers}.
 */
public class CredentialRejectedException extends RuntimeException {

  private final CredentialProblem problem;

  public CredentialRejectedException(CredentialProblem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  /** Why the credential was refused. */
  public CredentialProblem problem() {
    return problem;
  }

  /** The authentication failure Quarkus expects, carrying this reason. */
  public static AuthenticationFailedException failure(CredentialProblem problem) {
    return new AuthenticationFailedException(
        problem.detail(), new CredentialRejectedException(problem));
  }
}
