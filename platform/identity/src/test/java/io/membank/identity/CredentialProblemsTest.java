package io.membank.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

/**
 * A verified credential is still refused for a tenant claim of the wrong JSON type (issue 24 defect
 * 2) or a lifetime past the maximum (defect 10), and every 401 says which cause applies (issue 14).
 */
class CredentialProblemsTest {

  private static final long NOW = Instant.now().getEpochSecond();

  private static TenantClaimCheck check() {
    TenantClaimCheck check = new TenantClaimCheck();
    check.serviceKeyId = ServiceCredentials.KEY_ID;
    check.maxLifetime = Duration.ofHours(24);
    return check;
  }

  private static DefaultJWTCallerPrincipal principal(String claimsJson) throws Exception {
    return new DefaultJWTCallerPrincipal("JWT", JwtClaims.parse(claimsJson));
  }

  private static String claims(String tenant, long iat, long exp) {
    return "{\"iss\":\"membank-local\",\"sub\":\"u\",\"tenant\":"
        + tenant
        + ",\"groups\":[\"reader\"],\"iat\":"
        + iat
        + ",\"exp\":"
        + exp
        + "}";
  }

  @Test
  void aWellFormedCredentialPasses() throws Exception {
    assertThat(check().problem(principal(claims("\"acme\"", NOW, NOW + 3600)))).isNull();
  }

  @Test
  void aTenantClaimThatIsAnArrayOrANumberIsRefusedNotCast() throws Exception {
    assertThat(check().problem(principal(claims("[\"acme\"]", NOW, NOW + 3600))))
        .isEqualTo(CredentialProblem.INVALID_TENANT);
    assertThat(check().problem(principal(claims("42", NOW, NOW + 3600))))
        .isEqualTo(CredentialProblem.INVALID_TENANT);
    assertThat(check().problem(principal(claims("{\"id\":\"acme\"}", NOW, NOW + 3600))))
        .isEqualTo(CredentialProblem.INVALID_TENANT);
  }

  @Test
  void aTenYearCredentialIsRefusedAndADayIsTheDefaultLimit() throws Exception {
    long tenYears = Duration.ofDays(3653).toSeconds();
    assertThat(check().problem(principal(claims("\"acme\"", NOW, NOW + tenYears))))
        .isEqualTo(CredentialProblem.TOO_LONG_LIVED);
    assertThat(check().problem(principal(claims("\"acme\"", NOW, NOW + 86_400)))).isNull();
    assertThat(check().problem(principal(claims("\"acme\"", NOW, NOW + 86_401))))
        .isEqualTo(CredentialProblem.TOO_LONG_LIVED);
  }

  @Test
  void withoutIssuedAtTheLifetimeCountsFromNow() throws Exception {
    String noIat =
        "{\"iss\":\"membank-local\",\"sub\":\"u\",\"tenant\":\"acme\",\"exp\":"
            + (NOW + Duration.ofDays(30).toSeconds())
            + "}";
    assertThat(check().problem(principal(noIat))).isEqualTo(CredentialProblem.TOO_LONG_LIVED);
  }

  @Test
  void theServiceRoleWithoutTheServiceKeyIsRefused() throws Exception {
    String json = claims("\"acme\"", NOW, NOW + 60).replace("\"reader\"", "\"service\"");
    assertThat(check().problem(principal(json))).isEqualTo(CredentialProblem.SERVICE_KEY_MISMATCH);
  }

  @Test
  void each401NamesItsCause() {
    assertThat(AuthProblemMappers.cause(new UnauthorizedException(), null, null))
        .isEqualTo(CredentialProblem.MISSING);
    assertThat(AuthProblemMappers.cause(new UnauthorizedException(), "Basic dTpw", null))
        .isEqualTo(CredentialProblem.NOT_BEARER);
    assertThat(AuthProblemMappers.cause(invalid(ErrorCodes.EXPIRED), "Bearer x", null))
        .isEqualTo(CredentialProblem.EXPIRED);
    assertThat(AuthProblemMappers.cause(invalid(ErrorCodes.NOT_YET_VALID), "Bearer x", null))
        .isEqualTo(CredentialProblem.NOT_YET_VALID);
    assertThat(AuthProblemMappers.cause(invalid(ErrorCodes.SIGNATURE_INVALID), "Bearer x", null))
        .isEqualTo(CredentialProblem.BAD_SIGNATURE);
    assertThat(AuthProblemMappers.cause(invalid(ErrorCodes.ISSUER_INVALID), "Bearer x", null))
        .isEqualTo(CredentialProblem.WRONG_ISSUER);
    assertThat(
            AuthProblemMappers.cause(
                CredentialRejectedException.failure(CredentialProblem.REVOKED), "Bearer x", null))
        .isEqualTo(CredentialProblem.REVOKED);
    assertThat(AuthProblemMappers.cause(new UnauthorizedException(), "Bearer not-a-jwt", null))
        .isEqualTo(CredentialProblem.MALFORMED);
  }

  @Test
  void a401WithAnApiKeyHeaderNamesTheKeysCause() {
    assertThat(
            AuthProblemMappers.cause(
                CredentialRejectedException.failure(CredentialProblem.UNKNOWN_KEY), null, "mb_x"))
        .isEqualTo(CredentialProblem.UNKNOWN_KEY);
    assertThat(
            AuthProblemMappers.cause(
                CredentialRejectedException.failure(CredentialProblem.KEY_EXPIRED),
                "Bearer mb_x",
                null))
        .isEqualTo(CredentialProblem.KEY_EXPIRED);
    assertThat(AuthProblemMappers.cause(new UnauthorizedException(), "Basic dTpw", "mb_x"))
        .isEqualTo(CredentialProblem.TWO_CREDENTIALS);
  }

  @Test
  void noDetailShowsAClassNameOrKeyMaterial() {
    for (CredentialProblem problem : CredentialProblem.values()) {
      assertThat(problem.detail()).doesNotContain("java.", "io.", "Exception", "BEGIN");
    }
  }

  private static AuthenticationFailedException invalid(int code) {
    var error = new ErrorCodeValidator.Error(code, "test");
    var cause = new InvalidJwtException("refused", List.of(error), null);
    return new AuthenticationFailedException(new RuntimeException(cause));
  }
}
