package io.membank.privacy.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US social security numbers: {@code AAA-GG-SSSS} with the SSA's never-issued ranges excluded (area
 * 000, 666, 900-999; group 00; serial 0000). Nine bare digits count only right after an "SSN" cue,
 * since they are otherwise as likely an order or account number.
 */
public final class UsSsnDetector implements Detector {

  private static final Pattern DASHED =
      Pattern.compile("(?<![\\d-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\d-]|\\.\\d)");
  private static final Pattern BARE =
      Pattern.compile("(?<![\\d-])(\\d{3})(\\d{2})(\\d{4})(?![\\d-])");
  private static final Pattern CUE =
      Pattern.compile(
          "(?:ssn|social security(?: number| no\\.?)?|社会安全号(?:码)?)\\s*(?:#|no\\.?|is|:|：)?\\s*$");

  @Override
  public String name() {
    return "us-ssn";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    if (Boundaries.digits(text) < 9) {
      return;
    }
    Matcher m = DASHED.matcher(text);
    while (m.find()) {
      if (issuable(m.group(1), m.group(2), m.group(3))) {
        boolean cued = CUE.matcher(Boundaries.before(text, m.start(), 30)).find();
        out.add(new Finding(DataType.US_SSN, m.start(), m.end(), cued ? 0.98 : 0.9, name()));
      }
    }
    Matcher bare = BARE.matcher(text);
    while (bare.find()) {
      if (issuable(bare.group(1), bare.group(2), bare.group(3))
          && CUE.matcher(Boundaries.before(text, bare.start(), 30)).find()) {
        out.add(new Finding(DataType.US_SSN, bare.start(), bare.end(), 0.95, name()));
      }
    }
  }

  private static boolean issuable(String area, String group, String serial) {
    return !area.equals("000")
        && !area.equals("666")
        && area.charAt(0) != '9'
        && !group.equals("00")
        && !serial.equals("0000");
  }
}
