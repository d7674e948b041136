package io.membank.privacy.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers through Google's libphonenumber matcher at {@link Leniency#VALID}: the number must
 * be valid in its country's numbering plan, which is what turns away order numbers, timestamps and
 * other digit runs. Numbers written without a country code are read in the text's likely region
 * (China when the text contains Han characters, else the configured fallback), then in the other
 * one, so a Chinese mobile in an English sentence is still found.
 */
public final class PhoneDetector implements Detector {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final Pattern INTERNATIONAL = Pattern.compile("(?:\\+|\\b00)\\s?\\(?\\d");
  // Chinese mobiles (1[3-9] + 9 digits, any grouping) and landlines (0 + 2-3 digit area code).
  private static final Pattern CN_SHAPE =
      Pattern.compile(
          "(?<!\\d)(?:1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}|\\(?0\\d{2,3}\\)?[ -]?\\d{3,4}[ -]?\\d{4})(?!\\d)");
  // North American numbers: area code and exchange start with 2-9, optional separators.
  private static final Pattern NANP_SHAPE =
      Pattern.compile("(?<!\\d)\\(?[2-9]\\d{2}\\)?[ .-]?[2-9]\\d{2}[ .-]?\\d{4}(?!\\d)");

  /** A run of digits and phone separators, optionally after + or an opening parenthesis. */
  private static final Pattern CANDIDATE =
      Pattern.compile("(?:\\+\\s?)?\\(?\\d[\\d\\s().\\-/]{5,24}\\d");

  private static final int CONTEXT = 8;

  private final String fallbackRegion;

  public PhoneDetector() {
    this("US");
  }

  /** {@code fallbackRegion}: ISO 3166 code for national numbers in text without Han script. */
  public PhoneDetector(String fallbackRegion) {
    this.fallbackRegion = fallbackRegion;
  }

  @Override
  public String name() {
    return "phone";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    // The shortest valid national numbers we care about have 7 digits.
    if (Boundaries.digits(text) < 7) {
      return;
    }
    boolean han = Boundaries.hasHan(text);
    String first = han ? "CN" : fallbackRegion;
    String second = han ? fallbackRegion : "CN";
    int before = out.size();
    // libphonenumber's matcher costs most of a scan: run a region's pass only when the text has
    // a number of that region's national shape (or, for the first pass, an international one).
    if (INTERNATIONAL.matcher(text).find() || hasNationalShape(text, first)) {
      find(text, first, out, before);
    }
    if (!second.equals(first) && hasNationalShape(text, second)) {
      find(text, second, out, before);
    }
  }

  private static boolean hasNationalShape(String text, String region) {
    return switch (region) {
      case "CN" -> CN_SHAPE.matcher(text).find();
      case "US", "CA" -> NANP_SHAPE.matcher(text).find();
      default -> true;
    };
  }

  private void find(String text, String region, List<Finding> out, int from) {
    // libphonenumber scans only windows around digit runs that could be numbers, with a little
    // context for its own checks: over a whole 1 KB text its matcher costs milliseconds.
    Matcher candidate = CANDIDATE.matcher(text);
    while (candidate.find()) {
      if (Boundaries.digits(candidate.group()) < 7) {
        continue;
      }
      int offset = Math.max(0, candidate.start() - CONTEXT);
      String window = text.substring(offset, Math.min(text.length(), candidate.end() + CONTEXT));
      for (PhoneNumberMatch match :
          PHONES.findNumbers(window, region, Leniency.VALID, Long.MAX_VALUE)) {
        int start = offset + match.start();
        int end = offset + match.end();
        if (Boundaries.standsAlone(text, start, end)
            && !Boundaries.partOfCode(text, start, end)
            && !Boundaries.afterVersionCue(text, start)
            && plausibleGrouping(match.rawString())
            && !seen(out, from, start, end)) {
          double confidence = match.rawString().startsWith("+") ? 0.97 : 0.9;
          out.add(new Finding(DataType.PHONE, start, end, confidence, name()));
        }
      }
    }
  }

  /**
   * Rejects digit groupings people do not write phone numbers in: decimals ("2.718281828"), lists
   * of small numbers ("3 6 42 41 43 35"). libphonenumber at VALID accepts both when the digits
   * happen to form a valid number.
   */
  static boolean plausibleGrouping(String raw) {
    String[] groups = raw.replace("+", "").split("[\\s.()/-]+");
    int singles = 0;
    for (String group : groups) {
      singles += group.length() == 1 ? 1 : 0;
    }
    if (singles > 1) {
      return false;
    }
    if (raw.indexOf('.') >= 0) {
      String[] dotted = raw.split("\\.");
      for (String group : dotted) {
        if (group.strip().length() < 2) {
          return false;
        }
      }
      return dotted.length >= 3;
    }
    return true;
  }

  private static boolean seen(List<Finding> out, int from, int start, int end) {
    for (int i = from; i < out.size(); i++) {
      Finding f = out.get(i);
      if (f.start() < end && start < f.end()) {
        return true;
      }
    }
    return false;
  }
}
