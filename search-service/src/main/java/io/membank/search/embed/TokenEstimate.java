package io.membank.search.embed;

/**
 * Tokens a text costs an embedding model, estimated without its tokenizer: one per CJK character
 * (BGE zh and OpenAI's cl100k both split Han text about per character) and one per four other
 * characters (OpenAI's published rule of thumb for English). Used for usage records only.
 */
public final class TokenEstimate {

  private static final int CHARS_PER_TOKEN = 4;

  private TokenEstimate() {}

  /** Estimated tokens of the text (0 for null or empty). */
  public static long of(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    long cjk = 0;
    long other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script == Character.UnicodeScript.HAN
          || script == Character.UnicodeScript.HIRAGANA
          || script == Character.UnicodeScript.KATAKANA
          || script == Character.UnicodeScript.HANGUL) {
        cjk++;
      } else {
        other++;
      }
      i += Character.charCount(cp);
    }
    return cjk + (other + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }
}
