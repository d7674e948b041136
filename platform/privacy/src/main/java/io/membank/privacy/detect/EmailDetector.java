package io.membank.privacy.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses: a local part, an {@code @} and a dotted domain with a letter TLD. */
public final class EmailDetector implements Detector {

  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\\.[A-Za-z]{2,24}");

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    if (text.indexOf('@') < 0) {
      return;
    }
    Matcher m = EMAIL.matcher(text);
    while (m.find()) {
      int start = m.start();
      // A local part may not start inside a longer token (e.g. "x.y@z" where "x." precedes).
      if (start > 0
          && (Boundaries.isAsciiAlnum(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
        continue;
      }
      out.add(new Finding(DataType.EMAIL, start, m.end(), 0.99, name()));
    }
  }
}
