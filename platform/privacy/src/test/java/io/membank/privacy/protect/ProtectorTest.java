package io.membank.privacy.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.PolicySet;
import io.membank.privacy.policy.Region;
import io.membank.privacy.policy.Rule;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProtectorTest {

  private static final String EMAIL = "anna.k@example.org";
  private static final String CARD = "4111 1111 1111 1111";
  private static final String CN_ID = "11010519491231002X";
  private static final String API_KEY = "sk-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0";
  private static final String TEXT =
      "Mail "
          + EMAIL
          + ", card "
          + CARD
          + ", 身份证"
          + CN_ID
          + ", key "
          + API_KEY
          + " and nothing else.";

  private static final Protector PROTECTOR = new Protector();
  private static final Keyring KEYS = keyring("k1");

  private static Keyring keyring(String... ids) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String id : ids) {
      byte[] key = new byte[32];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) (id.hashCode() * 31 + i);
      }
      keys.put(id, key);
    }
    return new Keyring(keys);
  }

  private static PolicySet everything(Action action) {
    return new PolicySet("t1", 7, Region.GLOBAL, List.of(), action);
  }

  @Test
  void redact_replaces_every_value_with_its_typed_placeholder_and_reports_counts_only() {
    Protected result = PROTECTOR.protect(TEXT, everything(Action.REDACT), KEYS.forTenant("t1"));

    assertThat(result.text())
        .isEqualTo(
            "Mail [EMAIL], card [PAYMENT_CARD], 身份证[CN_RESIDENT_ID], key [SECRET] and nothing else.");
    assertThat(result.policyVersion()).isEqualTo(7);
    assertThat(result.actions())
        .containsExactlyInAnyOrder(
            new Protected.Taken(DataType.EMAIL, Action.REDACT, 1),
            new Protected.Taken(DataType.PAYMENT_CARD, Action.REDACT, 1),
            new Protected.Taken(DataType.CN_RESIDENT_ID, Action.REDACT, 1),
            new Protected.Taken(DataType.SECRET, Action.REDACT, 1));
    assertThat(result.toString()).doesNotContain(EMAIL, CARD, CN_ID, API_KEY);
  }

  @Test
  void mask_keeps_the_last_four_letters_or_digits_and_the_separators() {
    PolicySet policy =
        new PolicySet(
            "t1",
            1,
            Region.GLOBAL,
            List.of(Rule.forType(DataType.PAYMENT_CARD, Action.MASK)),
            null);

    Protected result = PROTECTOR.protect("card " + CARD, policy, KEYS.forTenant("t1"));

    assertThat(result.text()).isEqualTo("card **** **** **** 1111");
  }

  @Test
  void hash_is_equal_for_equal_values_written_differently_and_differs_between_tenants() {
    PolicySet policy = everything(Action.HASH);
    String a = PROTECTOR.protect("card " + CARD, policy, KEYS.forTenant("t1")).text();
    String b = PROTECTOR.protect("card 4111-1111-1111-1111", policy, KEYS.forTenant("t1")).text();
    String other = PROTECTOR.protect("card " + CARD, policy, KEYS.forTenant("t2")).text();

    assertThat(a).startsWith("card [PAYMENT_CARD:h:").doesNotContain("1111");
    assertThat(b).isEqualTo(a);
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void tokenize_writes_a_token_and_a_vault_entry_that_opens_to_the_value() {
    KeyMaterial keys = KEYS.forTenant("t1");
    Protected result = PROTECTOR.protect("mail " + EMAIL, everything(Action.TOKENIZE), keys);

    assertThat(result.vaultEntries()).hasSize(1);
    VaultEntry entry = result.vaultEntries().getFirst();
    assertThat(result.text()).isEqualTo("mail [EMAIL:" + entry.token() + "]");
    assertThat(entry.tenantId()).isEqualTo("t1");
    assertThat(entry.ciphertext()).doesNotContain(EMAIL);
    assertThat(FieldCipher.decrypt(entry.ciphertext(), entry.token(), keys)).isEqualTo(EMAIL);
    assertThat(Protector.token(DataType.EMAIL, "ANNA.K@EXAMPLE.ORG", keys))
        .isEqualTo(entry.token());
  }

  @Test
  void encrypt_writes_ciphertext_that_still_opens_after_the_key_rotates() {
    Protected result =
        PROTECTOR.protect("mail " + EMAIL, everything(Action.ENCRYPT), KEYS.forTenant("t1"));
    Matcher sealed = Pattern.compile("\\[EMAIL:enc:(k1\\.[A-Za-z0-9_-]+)]").matcher(result.text());
    assertThat(sealed.find()).as(result.text()).isTrue();

    KeyMaterial rotated = keyring("k1", "k2").forTenant("t1");
    assertThat(rotated.activeKeyId()).isEqualTo("k2");
    assertThat(FieldCipher.decrypt(sealed.group(1), "EMAIL", rotated)).isEqualTo(EMAIL);
    assertThat(FieldCipher.encrypt(EMAIL, "EMAIL", rotated)).startsWith("k2.");
  }

  @Test
  void ciphertext_does_not_open_for_another_tenant_or_with_a_missing_key() {
    String sealed = FieldCipher.encrypt(EMAIL, "EMAIL", KEYS.forTenant("t1"));

    assertThatThrownBy(() -> FieldCipher.decrypt(sealed, "EMAIL", KEYS.forTenant("t2")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldCipher.decrypt(sealed, "EMAIL", keyring("k9").forTenant("t1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key id k1");
  }

  @Test
  void block_refuses_the_whole_text_and_names_the_types_but_not_the_values() {
    PolicySet policy =
        new PolicySet(
            "t1", 4, Region.GLOBAL, List.of(Rule.forType(DataType.SECRET, Action.BLOCK)), null);

    Protected result = PROTECTOR.protect(TEXT, policy, KEYS.forTenant("t1"));

    assertThat(result.blocked()).isTrue();
    assertThat(result.text()).isNull();
    assertThat(result.blockReason()).contains("v4", "SECRET").doesNotContain(API_KEY);
  }

  @Test
  void allow_and_a_text_without_findings_come_back_unchanged() {
    KeyMaterial keys = KEYS.forTenant("t1");
    Protected allowed = PROTECTOR.protect(TEXT, everything(Action.ALLOW), keys);
    Protected plain = PROTECTOR.protect("Lunch at noon.", everything(Action.REDACT), keys);

    assertThat(allowed.text()).isEqualTo(TEXT);
    assertThat(allowed.changed()).isFalse();
    assertThat(allowed.found(DataType.EMAIL)).isEqualTo(1);
    assertThat(plain.text()).isEqualTo("Lunch at noon.");
    assertThat(plain.actions()).isEmpty();
  }

  @Test
  void a_keyring_parses_its_spec_and_refuses_short_keys() {
    String k = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(Keyring.parse("old=" + k + ",new=" + k).activeKeyId()).isEqualTo("new");
    assertThatThrownBy(() -> Keyring.parse("k=" + Base64.getEncoder().encodeToString(new byte[8])))
        .hasMessageContaining("shorter than 32 bytes");
    assertThat(KEYS.forTenant("t1").toString()).doesNotContain("[B@");
  }
}
