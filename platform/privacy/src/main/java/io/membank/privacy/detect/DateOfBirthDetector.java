package io.membank.privacy.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: a calendar date (ISO, US, European, month-name or Chinese 年月日 form) within a few
 * words after a birth cue ("born", "DOB", "date of birth", "birthday", "出生", "生日"). A date without
 * a cue is a timestamp, a deadline or an order date, so it is not reported.
 */
public final class DateOfBirthDetector implements Detector {

  private static final String MONTH =
      "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
  private static final Pattern DATE =
      Pattern.compile(
          "(?<![\\d])(?:(?:19|20)\\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])"
              + "|(?:0?[1-9]|[12]\\d|3[01])[/.](?:0?[1-9]|[12]\\d|3[01])[/.](?:19|20)\\d{2}"
              + "|(?:19|20)\\d{2}年(?:0?[1-9]|1[0-2])月(?:0?[1-9]|[12]\\d|3[01])[日号]"
              + "|"
              + MONTH
              + " (?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?,? (?:19|20)\\d{2}"
              + "|(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)? (?:of )?"
              + MONTH
              + ",? (?:19|20)\\d{2})(?![\\d])");
  private static final Pattern CUE =
      Pattern.compile("(?:born|birth|dob|d\\.o\\.b\\.?|birthday|出生|生日|生于)[^.;。；!?]{0,25}$");

  /** Chinese puts the cue after the date: "1990年5月3日出生", "…生的". */
  private static final Pattern CUE_AFTER = Pattern.compile("^(?:出生|生)");

  @Override
  public String name() {
    return "date-of-birth";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    if (Boundaries.digits(text) < 4) {
      return;
    }
    Matcher m = DATE.matcher(text);
    while (m.find()) {
      if (CUE.matcher(Boundaries.before(text, m.start(), 40)).find()
          || CUE_AFTER
              .matcher(text.substring(m.end(), Math.min(text.length(), m.end() + 4)))
              .find()) {
        out.add(new Finding(DataType.DATE_OF_BIRTH, m.start(), m.end(), 0.85, name()));
      }
    }
  }
}
