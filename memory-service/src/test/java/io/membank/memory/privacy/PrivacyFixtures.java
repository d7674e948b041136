package io.membank.memory.privacy;

import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.PolicySet;
import io.membank.privacy.policy.Region;
import io.membank.privacy.policy.Rule;
import io.membank.privacy.protect.Keyring;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Values every privacy test protects, and small builders of policies and keyrings. */
public final class PrivacyFixtures {

  public static final String EMAIL = "anna.k@example.org";
  public static final String CARD = "4111 1111 1111 1111";
  public static final String CN_ID = "11010519491231002X";
  public static final String API_KEY = "sk-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0";

  /** Every raw value, for "none of these may appear" checks. */
  public static final List<String> RAW = List.of(EMAIL, CARD, CN_ID, API_KEY);

  /** A sentence with all four values. */
  public static final String TEXT =
      "My email is "
          + EMAIL
          + ", my card is "
          + CARD
          + ", my ID is "
          + CN_ID
          + " and my key is "
          + API_KEY
          + ".";

  private PrivacyFixtures() {}

  /** A tenant policy doing {@code action} with every type. */
  public static PolicySet everything(String tenant, long version, Action action) {
    return new PolicySet(tenant, version, Region.GLOBAL, List.of(), action);
  }

  /** A tenant policy doing {@code action} with one type only. */
  public static PolicySet only(String tenant, long version, DataType type, Action action) {
    return new PolicySet(tenant, version, Region.GLOBAL, List.of(Rule.forType(type, action)), null);
  }

  /** A fresh random keyring of one key (never a checked-in secret). */
  public static Keyring randomKeyring() {
    return Keyring.parse("k1=" + randomKeySpec());
  }

  /** One random 256-bit key, base64. */
  public static String randomKeySpec() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** Config for a test profile with a random keyring. */
  public static Map<String, String> keyringConfig() {
    return Map.of("membank.privacy.keys", "k1=" + randomKeySpec());
  }
}
