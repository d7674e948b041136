package io.membank.privacy.protect;

import io.membank.privacy.detect.DataType;
import io.membank.privacy.detect.Finding;
import io.membank.privacy.detect.Scanner;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies a tenant's policy to a text: scan, pick each finding's action, rewrite. Pure and
 * thread-safe; the caller supplies the policy and the keys, so no call leaves the process.
 *
 * <p>Replacements: {@code [EMAIL]} (redact), {@code ****4242} (mask), {@code [EMAIL:h:…]} (hash),
 * {@code [EMAIL:tok_…]} (tokenize), {@code [EMAIL:enc:<keyId>.…]} (encrypt).
 */
public final class Protector {

  private static final int HASH_BYTES = 16;

  private final Scanner scanner;

  public Protector(Scanner scanner) {
    this.scanner = scanner;
  }

  public Protector() {
    this(Scanner.defaults());
  }

  public Scanner scanner() {
    return scanner;
  }

  /** Protects {@code text} under {@code policies} with the tenant's {@code keys}. */
  public Protected protect(String text, PolicySet policies, KeyMaterial keys) {
    if (text == null || text.isEmpty()) {
      return new Protected(text, null, policies.version(), List.of(), List.of());
    }
    List<Finding> findings = scanner.scan(text);
    if (findings.isEmpty()) {
      return new Protected(text, null, policies.version(), List.of(), List.of());
    }
    Map<DataType, Action> actions = policies.actions();
    Map<DataType, int[]> counts = new EnumMap<>(DataType.class);
    for (Finding finding : findings) {
      counts.computeIfAbsent(finding.type(), t -> new int[1])[0]++;
    }
    List<Protected.Taken> taken = new ArrayList<>();
    counts.forEach((type, n) -> taken.add(new Protected.Taken(type, actions.get(type), n[0])));
    List<DataType> blocking =
        taken.stream().filter(t -> t.action() == Action.BLOCK).map(Protected.Taken::type).toList();
    if (!blocking.isEmpty()) {
      String reason =
          "privacy policy v"
              + policies.version()
              + " blocks "
              + blocking
              + " and the text contains them";
      return new Protected(null, reason, policies.version(), taken, List.of());
    }
    List<VaultEntry> vault = new ArrayList<>();
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Finding finding : findings) {
      out.append(text, at, finding.start());
      String value = finding.value(text);
      out.append(replace(finding.type(), value, actions.get(finding.type()), keys, vault));
      at = finding.end();
    }
    out.append(text, at, text.length());
    return new Protected(out.toString(), null, policies.version(), taken, vault);
  }

  private static String replace(
      DataType type, String value, Action action, KeyMaterial keys, List<VaultEntry> vault) {
    return switch (action) {
      case ALLOW -> value;
      case REDACT -> type.placeholder();
      case MASK -> mask(value);
      case HASH -> "[" + type.name() + ":h:" + mac(keys.hashKey(), type, value) + "]";
      case ENCRYPT ->
          "[" + type.name() + ":enc:" + FieldCipher.encrypt(value, type.name(), keys) + "]";
      case TOKENIZE -> {
        String token = token(type, value, keys);
        vault.add(
            new VaultEntry(keys.tenantId(), token, type, FieldCipher.encrypt(value, token, keys)));
        yield "[" + type.name() + ":" + token + "]";
      }
      case BLOCK -> throw new IllegalStateException("blocked texts are not rewritten");
    };
  }

  /** The token of a value: derived, so equal values share one vault entry. */
  public static String token(DataType type, String value, KeyMaterial keys) {
    return "tok_" + mac(keys.tokenKey(), type, value);
  }

  /** Keeps the last four letters or digits; separators stay, so the shape is still readable. */
  static String mask(String value) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      alnum += Character.isLetterOrDigit(value.charAt(i)) ? 1 : 0;
    }
    int keep = alnum > 8 ? 4 : 0;
    StringBuilder out = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        seen++;
        out.append(seen > alnum - keep ? c : '*');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String mac(byte[] key, DataType type, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              (type.name() + "|" + normalize(type, value)).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(java.util.Arrays.copyOf(digest, HASH_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The same value written two ways hashes the same: case, spaces and dashes do not count. */
  static String normalize(DataType type, String value) {
    return switch (type) {
      case EMAIL -> value.toLowerCase(Locale.ROOT);
      case PHONE, PAYMENT_CARD, IBAN, CN_RESIDENT_ID, US_SSN ->
          value.replaceAll("[\\s().-]", "").toUpperCase(Locale.ROOT);
      default -> value;
    };
  }
}
