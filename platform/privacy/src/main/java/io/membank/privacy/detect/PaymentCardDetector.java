package io.membank.privacy.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.CodeValidator;
import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, that pass Commons
 * Validator's issuer ranges and Luhn check (Visa, Mastercard, Amex, Discover, Diners, plus UnionPay
 * and JCB, which Commons Validator does not list).
 */
public final class PaymentCardDetector implements Detector {

  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![\\d.-])\\d(?:[ -]?\\d){12,18}(?![\\d]|[.-]\\d)");
  private static final CreditCardValidator CARDS =
      new CreditCardValidator(
          new CodeValidator[] {
            CreditCardValidator.VISA_VALIDATOR,
            CreditCardValidator.MASTERCARD_VALIDATOR,
            CreditCardValidator.AMEX_VALIDATOR,
            CreditCardValidator.DISCOVER_VALIDATOR,
            CreditCardValidator.DINERS_VALIDATOR,
            new CodeValidator("^(62\\d{14,17})$", LuhnCheckDigit.LUHN_CHECK_DIGIT),
            new CodeValidator("^(35(?:2[89]|[3-8]\\d)\\d{12})$", LuhnCheckDigit.LUHN_CHECK_DIGIT)
          });

  @Override
  public String name() {
    return "payment-card";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    if (Boundaries.digits(text) < 13) {
      return;
    }
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      String raw = m.group();
      if (consistentSeparators(raw) && CARDS.isValid(raw.replace(" ", "").replace("-", ""))) {
        out.add(new Finding(DataType.PAYMENT_CARD, m.start(), m.end(), 0.95, name()));
      }
    }
  }

  /** Cards are written with one kind of separator, if any: "4111 1111-1111 1111" is not a card. */
  private static boolean consistentSeparators(String raw) {
    return raw.indexOf(' ') < 0 || raw.indexOf('-') < 0;
  }
}
