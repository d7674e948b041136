package io.membank.privacy.detect;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks on the characters around a candidate span, shared by the pattern detectors. */
final class Boundaries {

  private Boundaries() {}

  /** True when the span is not glued to a letter or digit on either side. */
  static boolean standsAlone(String text, int start, int end) {
    return (start == 0 || !isAsciiAlnum(text.charAt(start - 1)))
        && (end >= text.length() || !isAsciiAlnum(text.charAt(end)));
  }

  /**
   * True when the span continues a code such as "INV-2024-…" or "#12-…": a letter or digit, then a
   * joining character, right before it, or a joining character then a letter or digit right after.
   */
  static boolean partOfCode(String text, int start, int end) {
    boolean before =
        start >= 2 && isJoiner(text.charAt(start - 1)) && isAsciiAlnum(text.charAt(start - 2));
    boolean after =
        end + 1 < text.length() && isJoiner(text.charAt(end)) && isAsciiAlnum(text.charAt(end + 1));
    return before || after;
  }

  private static boolean isJoiner(char c) {
    return c == '-' || c == '/' || c == '_' || c == '.';
  }

  /** A version cue ("v", "version", "build", "版本") right before a position. */
  static boolean afterVersionCue(String text, int start) {
    return VERSION_CUE.matcher(before(text, start, 12)).find();
  }

  private static final Pattern VERSION_CUE =
      Pattern.compile("(?:\\bv|version\\s*|ver\\.?\\s*|release\\s*|build\\s*|版本(?:号)?[:：]?\\s*)$");

  static boolean isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The lower-cased text of up to {@code width} characters before {@code start}. */
  static String before(String text, int start, int width) {
    return text.substring(Math.max(0, start - width), start).toLowerCase(Locale.ROOT);
  }

  /** Number of ASCII digits in the text: a cheap pre-filter for the number detectors. */
  static int digits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** True when the text contains a CJK ideograph. */
  static boolean hasHan(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) {
        return true;
      }
    }
    return false;
  }
}
