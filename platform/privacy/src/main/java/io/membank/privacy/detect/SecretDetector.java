package io.membank.privacy.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials: known key formats (OpenAI/Stripe-style {@code sk-}, AWS access key ids, GitHub and
 * Slack tokens, JWTs, PEM blocks), values after a password cue, and otherwise any long token whose
 * characters look random (Shannon entropy, mixed letter cases and digits). Pure hex strings (commit
 * ids, UUIDs, digests) are left alone: they are identifiers far more often than keys.
 */
public final class SecretDetector implements Detector {

  /** A known format and how sure a match of it is. */
  private record Known(Pattern pattern, double confidence) {}

  private static final List<Known> KNOWN =
      List.of(
          new Known(
              Pattern.compile(
                  "-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY)-----[\\s\\S]{1,20000}?-----END \\1-----"),
              0.99),
          new Known(Pattern.compile("(?<![\\w-])sk-(?:[A-Za-z0-9]+-)?[A-Za-z0-9_-]{20,}"), 0.99),
          new Known(Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])"), 0.99),
          new Known(Pattern.compile("(?<!\\w)gh[pousr]_[A-Za-z0-9]{36,255}(?!\\w)"), 0.99),
          new Known(Pattern.compile("(?<!\\w)github_pat_[A-Za-z0-9_]{22,255}"), 0.99),
          new Known(Pattern.compile("(?<!\\w)xox[baprs]-[A-Za-z0-9-]{10,}"), 0.99),
          new Known(
              Pattern.compile(
                  "(?<![\\w-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"),
              0.99));

  private static final Pattern PASSWORD =
      Pattern.compile(
          "(?i)(?:password|passwd|pwd|passcode|密码|口令)\\s*(?:is|=|:|：|是)\\s*([^\\s,;，。；\"']{6,64})");
  private static final Pattern TOKEN = Pattern.compile("(?<![\\w+/=-])[A-Za-z0-9+/_=-]{20,512}");
  private static final double MIN_ENTROPY_BITS = 3.6;
  private static final double MAX_WORDINESS = 0.5;

  @Override
  public String name() {
    return "secret";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    for (Known known : KNOWN) {
      Matcher m = known.pattern().matcher(text);
      while (m.find()) {
        out.add(new Finding(DataType.SECRET, m.start(), m.end(), known.confidence(), name()));
      }
    }
    Matcher p = PASSWORD.matcher(text);
    while (p.find()) {
      out.add(new Finding(DataType.SECRET, p.start(1), p.end(1), 0.85, name()));
    }
    Matcher t = TOKEN.matcher(text);
    while (t.find()) {
      if (looksRandom(t.group())) {
        out.add(new Finding(DataType.SECRET, t.start(), t.end(), 0.75, name()));
      }
    }
  }

  /** True for a token of mixed classes whose character entropy is high. */
  static boolean looksRandom(String token) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean nonHex = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
      nonHex |= Character.isLetter(c) && Character.digit(c, 16) < 0;
    }
    int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
    return nonHex
        && classes == 3
        && entropy(token) >= MIN_ENTROPY_BITS
        && wordiness(token) < MAX_WORDINESS;
  }

  /**
   * Share of the token inside runs of five or more letters of one case (a capital may lead): high
   * for identifiers such as {@code CustomerLifetimeValueScore2024}, low for random keys (a
   * 40-character base62 key has such runs rarely).
   */
  static double wordiness(String token) {
    int inWords = 0;
    int run = 0;
    for (int i = 0; i <= token.length(); i++) {
      char c = i < token.length() ? token.charAt(i) : ' ';
      boolean lower = c >= 'a' && c <= 'z';
      boolean leadingCapital =
          c >= 'A'
              && c <= 'Z'
              && i + 1 < token.length()
              && Character.isLowerCase(token.charAt(i + 1));
      if (lower || (leadingCapital && run == 0)) {
        run++;
      } else {
        inWords += run >= 5 ? run : 0;
        run = leadingCapital ? 1 : 0;
      }
    }
    return (double) inWords / token.length();
  }

  /** Shannon entropy of the token's characters, in bits per character. */
  static double entropy(String token) {
    int[] counts = new int[128];
    for (int i = 0; i < token.length(); i++) {
      counts[token.charAt(i) & 127]++;
    }
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / token.length();
        bits -= p * (Math.log(p) / Math.log(2));
      }
    }
    return bits;
  }
}
