package io.membank.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.ApiKeyRecord;
import io.membank.identity.CredentialProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verification of presented keys against the records of identity.keys. */
class ApiKeyDirectoryTest {

  /** Cheap argon2id parameters: these tests are about decisions, not about cost. */
  private static final ApiKeyHasher.Cost CHEAP = new ApiKeyHasher.Cost(64, 1, 1);

  private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
  private static final String KEY_ID = "k3y1d0000000abcd";
  private static final String SECRET = ApiKeyFormat.newSecret();

  private final ApiKeyDirectory directory = new ApiKeyDirectory(Duration.ofMinutes(5), 100);

  private static ApiKeyRecord key(long version, boolean revoked, OffsetDateTime expiresAt) {
    return new ApiKeyRecord(
        KEY_ID,
        "acme",
        version,
        List.of("reader"),
        null,
        null,
        expiresAt,
        revoked,
        List.of(new ApiKeyRecord.Secret(ApiKeyHasher.hash(SECRET, CHEAP), null)));
  }

  private static ApiKeyFormat.Parts presented(String secret) {
    return new ApiKeyFormat.Parts(KEY_ID, secret);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  @Test
  void theRightSecretOfAKnownKeyIsAccepted() {
    directory.apply(KEY_ID, key(1, false, null));

    assertThat(directory.verify(presented(SECRET), NOW))
        .isInstanceOfSatisfying(
            ApiKeyDirectory.Accepted.class, a -> assertThat(a.key().tenantId()).isEqualTo("acme"));
  }

  @Test
  void anUnknownKeyAndAWrongSecretAreTheSameRefusal() {
    assertThat(directory.verify(presented(SECRET), NOW))
        .isEqualTo(new ApiKeyDirectory.Rejected(CredentialProblem.UNKNOWN_KEY));
    directory.apply(KEY_ID, key(1, false, null));
    assertThat(directory.verify(presented(ApiKeyFormat.newSecret()), NOW))
        .isEqualTo(new ApiKeyDirectory.Rejected(CredentialProblem.UNKNOWN_KEY));
  }

  @Test
  void aRevocationTakesEffectOnTheNextRequestEvenAfterACachedSuccess() {
    directory.apply(KEY_ID, key(1, false, null));
    assertThat(directory.verify(presented(SECRET), NOW))
        .isInstanceOf(ApiKeyDirectory.Accepted.class);

    directory.apply(KEY_ID, key(2, true, null));

    assertThat(directory.verify(presented(SECRET), NOW))
        .isEqualTo(new ApiKeyDirectory.Rejected(CredentialProblem.REVOKED));
  }

  @Test
  void anOlderVersionArrivingLateDoesNotUndoARevocation() {
    directory.apply(KEY_ID, key(2, true, null));
    directory.apply(KEY_ID, key(1, false, null));

    assertThat(directory.verify(presented(SECRET), NOW))
        .isEqualTo(new ApiKeyDirectory.Rejected(CredentialProblem.REVOKED));
  }

  @Test
  void anExpiredKeyIsRefusedFromItsExpiryOn() {
    directory.apply(KEY_ID, key(1, false, at(NOW.plusSeconds(60))));

    assertThat(directory.verify(presented(SECRET), NOW))
        .isInstanceOf(ApiKeyDirectory.Accepted.class);
    assertThat(directory.verify(presented(SECRET), NOW.plusSeconds(60)))
        .isEqualTo(new ApiKeyDirectory.Rejected(CredentialProblem.KEY_EXPIRED));
  }

  @Test
  void afterARotationTheOldSecretWorksUntilTheEndOfItsGraceOnly() {
    String newSecret = ApiKeyFormat.newSecret();
    directory.apply(KEY_ID, key(1, false, null));
    assertThat(directory.verify(presented(SECRET), NOW))
        .isInstanceOf(ApiKeyDirectory.Accepted.class);

    Instant graceEnd = NOW.plus(Duration.ofHours(1));
    directory.apply(
        KEY_ID,
        new ApiKeyRecord(
            KEY_ID,
            "acme",
            2,
            List.of("reader"),
            null,
            null,
            null,
            false,
            List.of(
                new ApiKeyRecord.Secret(ApiKeyHasher.hash(newSecret, CHEAP), null),
                new ApiKeyRecord.Secret(ApiKeyHasher.hash(SECRET, CHEAP), at(graceEnd)))));

    assertThat(directory.verify(presented(newSecret), NOW))
        .isInstanceOf(ApiKeyDirectory.Accepted.class);
    assertThat(directory.verify(presented(SECRET), NOW))
        .isInstanceOf(ApiKeyDirectory.Accepted.class);
    // The success just remembered must not outlive the grace either.
    assertThat(directory.verify(presented(SECRET), graceEnd))
        .isEqualTo(new ApiKeyDirectory.Rejected(CredentialProblem.UNKNOWN_KEY));
    assertThat(directory.verify(presented(newSecret), graceEnd))
        .isInstanceOf(ApiKeyDirectory.Accepted.class);
  }

  @Test
  void aTombstoneRemovesTheKey() {
    directory.apply(KEY_ID, key(1, false, null));
    directory.apply(KEY_ID, null);

    assertThat(directory.size()).isZero();
    assertThat(directory.verify(presented(SECRET), NOW))
        .isEqualTo(new ApiKeyDirectory.Rejected(CredentialProblem.UNKNOWN_KEY));
  }
}
