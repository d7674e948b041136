package io.membank.privacy.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * IBANs, compact or in groups of four, checked by Commons Validator (country length and format,
 * mod-97). A greedy match may swallow a short upper-case word after the number, so shorter prefixes
 * ending at a group boundary are tried too.
 */
public final class IbanDetector implements Detector {

  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{1,4}){3,9}(?![A-Za-z0-9])");
  private static final IBANValidator IBANS = IBANValidator.getInstance();

  @Override
  public String name() {
    return "iban";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      for (int end : ends(text, m.start(), m.end())) {
        if (IBANS.isValid(text.substring(m.start(), end).replace(" ", ""))) {
          out.add(new Finding(DataType.IBAN, m.start(), end, 0.99, name()));
          break;
        }
      }
    }
  }

  /** The match end, then each earlier space, longest first. */
  private static List<Integer> ends(String text, int start, int end) {
    List<Integer> ends = new ArrayList<>();
    ends.add(end);
    for (int i = end - 1; i > start + 15; i--) {
      if (text.charAt(i) == ' ') {
        ends.add(i);
      }
    }
    return ends;
  }
}
