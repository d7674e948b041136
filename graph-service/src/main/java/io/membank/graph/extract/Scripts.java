package io.membank.graph.extract;

/** Which writing system a text uses, as far as extraction cares. */
final class Scripts {

  private Scripts() {}

  /** Whether the text has a Han character (Chinese, or Japanese kanji). */
  static boolean hasCjk(String s) {
    return s.codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
