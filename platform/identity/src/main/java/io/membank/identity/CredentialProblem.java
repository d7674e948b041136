package io.membank.identity;

/**
 * Why a request is not authenticated, as the 401 problem's {@code detail} says it: precise enough
 * to fix the call, and never showing key material or the credential itself (issue 14).
 */
public enum CredentialProblem {
  MISSING("No credential: send Authorization: Bearer <token or API key>, or X-API-Key: <API key>"),
  NOT_BEARER("The Authorization header must use the Bearer scheme"),
  MALFORMED("The credential is not a well-formed signed JWT"),
  BAD_SIGNATURE("The credential's signature does not verify with MemBank's keys"),
  EXPIRED("The credential has expired (its exp is past, beyond the allowed clock skew)"),
  NOT_YET_VALID("The credential is not yet valid (its nbf or iat is in the future)"),
  WRONG_ISSUER("The credential was issued by another issuer"),
  NO_EXPIRY("The credential has no exp claim; every credential must expire"),
  TOO_LONG_LIVED("The credential's lifetime (exp - iat) exceeds the maximum this service accepts"),
  INVALID_TENANT("The credential's tenant claim must be a string naming a tenant ([A-Za-z0-9._-])"),
  SERVICE_KEY_MISMATCH("The service role and the service signing key go together"),
  REVOKED("The credential was revoked"),
  MALFORMED_KEY("The API key is not well formed: it reads mb_<key id>_<secret>"),
  UNKNOWN_KEY("The API key is not known, or its secret does not match (a rotated-out secret?)"),
  KEY_EXPIRED("The API key has expired"),
  TWO_CREDENTIALS("Send one credential: an Authorization header or an X-API-Key header, not both"),
  OTHER("The credential was not accepted");

  private final String detail;

  CredentialProblem(String detail) {
    this.detail = detail;
  }

  /** The problem document's detail. */
  public String detail() {
    return detail;
  }
}
