package io.membank.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text bound for logs: bearer tokens, anything shaped like a JWT, and the
 * values of keys that name a secret ({@code password}, {@code token}, {@code secret}, {@code
 * api_key}, {@code authorization}, {@code private_key}, {@code credential}…) in {@code key=value},
 * {@code key: value} and JSON {@code "key": "value"} form.
 */
public final class Redaction {

  /** What a removed value is replaced with. */
  public static final String MASK = "[REDACTED]";

  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  private static final String KEY =
      "(?:[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
          + "|private[_-]?key|authorization|credential|routing[_-]?key)[A-Za-z0-9_.-]*)";
  private static final Pattern JSON_VALUE =
      Pattern.compile("(?i)(\"" + KEY + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern PLAIN_VALUE =
      Pattern.compile(
          "(?i)(\\b"
              + KEY
              + "\\s*[=:]\\s*)(?!\\[REDACTED\\]|(?:bearer|basic)\\s)[^\\s,;&\"'}\\]]+");

  private Redaction() {}

  /** The text with every credential replaced by {@link #MASK}; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(BEARER, text, m -> m.group(1) + " " + MASK);
    out = replace(JWT, out, m -> MASK);
    out = replace(JSON_VALUE, out, m -> m.group(1) + "\"" + MASK + "\"");
    return replace(PLAIN_VALUE, out, m -> m.group(1) + MASK);
  }

  private static String replace(
      Pattern p, String text, java.util.function.Function<Matcher, String> with) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }
}
