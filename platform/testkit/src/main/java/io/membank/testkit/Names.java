package io.membank.testkit;

import java.security.SecureRandom;
import java.util.Locale;

/** Random, identifier-safe names for per-test isolation. */
final class Names {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private Names() {}

  /** Eight random lower-case letters and digits. */
  static String random8() {
    char[] c = new char[8];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }

  /** Lower-case, [a-z0-9_] only, so the name needs no quoting in SQL. */
  static String identifier(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return s.isEmpty() ? "svc" : s;
  }
}
