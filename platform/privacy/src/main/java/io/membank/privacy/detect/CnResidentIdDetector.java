package io.membank.privacy.detect;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence and an ISO 7064 MOD 11-2 check character; the check and a real birth date are required.
 */
public final class CnResidentIdDetector implements Detector {

  private static final Pattern ID =
      Pattern.compile("(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{9}[0-9Xx](?![0-9A-Za-z])");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  @Override
  public String name() {
    return "cn-resident-id";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    if (Boundaries.digits(text) < 17) {
      return;
    }
    Matcher m = ID.matcher(text);
    while (m.find()) {
      String id = m.group();
      if (valid(id)) {
        out.add(new Finding(DataType.CN_RESIDENT_ID, m.start(), m.end(), 0.99, name()));
      }
    }
  }

  /** True when the birth date exists and the check character matches. */
  static boolean valid(String id) {
    try {
      LocalDate.of(
          Integer.parseInt(id.substring(6, 10)),
          Integer.parseInt(id.substring(10, 12)),
          Integer.parseInt(id.substring(12, 14)));
    } catch (DateTimeException e) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * WEIGHTS[i];
    }
    return Character.toUpperCase(id.charAt(17)) == CHECK.charAt(sum % 11);
  }
}
