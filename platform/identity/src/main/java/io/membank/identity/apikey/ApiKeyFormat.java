package io.membank.identity.apikey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key, {@code mb_<key id>_<secret>}: a recognisable prefix (secret scanners and
 * log redaction find it), a public key id (lower-case letters and digits) and a 256-bit random
 * secret in unpadded base64url.
 */
public final class ApiKeyFormat {

  /** Every API key starts with this; a JWT never does. */
  public static final String PREFIX = "mb_";

  private static final Pattern KEY = Pattern.compile("mb_([a-z0-9]{8,32})_([A-Za-z0-9_-]{32,128})");
  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int ID_LENGTH = 16;
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A key split into its public id and its secret. */
  public record Parts(String keyId, String secret) {

    @Override
    public String toString() {
      return "Parts[keyId=" + keyId + ", secret=***]";
    }
  }

  private ApiKeyFormat() {}

  /** Whether a credential is meant as an API key (rather than a JWT). */
  public static boolean looksLikeKey(String credential) {
    return credential != null && credential.startsWith(PREFIX);
  }

  /** The id and secret of a well-formed key, else empty. */
  public static Optional<Parts> parse(String credential) {
    if (credential == null) {
      return Optional.empty();
    }
    Matcher m = KEY.matcher(credential.strip());
    return m.matches() ? Optional.of(new Parts(m.group(1), m.group(2))) : Optional.empty();
  }

  /** A new random key id. */
  public static String newKeyId() {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  /** A new random secret (256 bits). */
  public static String newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** The key as the caller sends it. */
  public static String format(String keyId, String secret) {
    return PREFIX + keyId + "_" + secret;
  }
}
