package io.membank.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The text of a key, its hash, and where a request carries it. */
class ApiKeyFormatTest {

  @Test
  void aNewKeyParsesBackIntoItsIdAndSecret() {
    String id = ApiKeyFormat.newKeyId();
    String secret = ApiKeyFormat.newSecret();

    assertThat(ApiKeyFormat.parse(ApiKeyFormat.format(id, secret)))
        .contains(new ApiKeyFormat.Parts(id, secret));
    assertThat(id).matches("[a-z0-9]{16}");
  }

  @Test
  void textsThatAreNotKeysDoNotParse() {
    for (String text :
        new String[] {
          null,
          "",
          "mb_",
          "mb_short_" + "x".repeat(43),
          "mb_UPPERCASE0000_" + "x".repeat(43),
          "mb_k3y1d0000000abcd_tooShort",
          "eyJhbGciOiJSUzI1NiJ9.e30.sig",
          "mb_k3y1d0000000abcd_a b"
        }) {
      assertThat(ApiKeyFormat.parse(text)).as(String.valueOf(text)).isEmpty();
    }
  }

  @Test
  void theSecretNeverShowsInTheParts() {
    assertThat(new ApiKeyFormat.Parts("id", "s3cr3t").toString()).doesNotContain("s3cr3t");
  }

  @Test
  void secretsAreNotRepeated() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(ApiKeyFormat.newSecret())).isTrue();
    }
  }

  @Test
  void aHashVerifiesItsSecretOnlyAndEachHashIsSalted() {
    ApiKeyHasher.Cost cost = new ApiKeyHasher.Cost(64, 1, 1);
    String hash = ApiKeyHasher.hash("right", cost);

    assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(ApiKeyHasher.verify("right", hash)).isTrue();
    assertThat(ApiKeyHasher.verify("wrong", hash)).isFalse();
    assertThat(ApiKeyHasher.hash("right", cost)).isNotEqualTo(hash);
    assertThat(ApiKeyHasher.verify("right", hash.replace("t=1", "t=2"))).isFalse();
    assertThat(ApiKeyHasher.verify("right", "$2a$10$bcrypt")).isFalse();
    assertThat(ApiKeyHasher.verify("right", null)).isFalse();
  }

  @Test
  void theDefaultCostVerifiesToo() {
    assertThat(ApiKeyHasher.verify("s", ApiKeyHasher.hash("s", ApiKeyHasher.Cost.DEFAULT)))
        .isTrue();
  }

  @Test
  void aKeyComesFromTheApiKeyHeaderOrABearerKeyAndNeverWithASecondCredential() {
    String key = "mb_k3y1d0000000abcd_" + "x".repeat(43);
    assertThat(ApiKeyMechanism.presentedKey(null, key)).isEqualTo(key);
    assertThat(ApiKeyMechanism.presentedKey("Bearer " + key, null)).isEqualTo(key);
    assertThat(ApiKeyMechanism.presentedKey("bearer " + key, null)).isEqualTo(key);
    // A JWT, or no credential: the JWT mechanism's turn.
    assertThat(ApiKeyMechanism.presentedKey("Bearer eyJhbGciOi.e30.sig", null)).isNull();
    assertThat(ApiKeyMechanism.presentedKey(null, null)).isNull();
    assertThat(ApiKeyMechanism.presentedKey("Bearer eyJhbGciOi.e30.sig", key)).isEmpty();
  }
}
