package io.membank.privacy.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * IPv4 and IPv6 addresses, validated by Commons Validator. A dotted quad right after a version cue
 * ("v", "version", "版本") is a version string, not an address.
 */
public final class IpAddressDetector implements Detector {

  private static final Pattern V4 =
      Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\d|\\.\\d)");
  private static final Pattern V6 =
      Pattern.compile(
          "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\\d{1,3}\\.){3}\\d{1,3})?(?![\\w:])");
  // Above the phone detector's 0.9: libphonenumber accepts some dotted quads as numbers.
  private static final double CONFIDENCE = 0.95;
  private static final InetAddressValidator IPS = InetAddressValidator.getInstance();

  @Override
  public String name() {
    return "ip-address";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    if (text.indexOf('.') >= 0) {
      Matcher m = V4.matcher(text);
      while (m.find()) {
        if (IPS.isValidInet4Address(m.group()) && !Boundaries.afterVersionCue(text, m.start())) {
          out.add(new Finding(DataType.IP_ADDRESS, m.start(), m.end(), CONFIDENCE, name()));
        }
      }
    }
    if (text.indexOf(':') >= 0) {
      Matcher m = V6.matcher(text);
      while (m.find()) {
        String candidate = m.group();
        if (candidate.length() >= 3
            && hasHexDigit(candidate)
            && IPS.isValidInet6Address(candidate)) {
          out.add(new Finding(DataType.IP_ADDRESS, m.start(), m.end(), CONFIDENCE, name()));
        }
      }
    }
  }

  private static boolean hasHexDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) >= 0) {
        return true;
      }
    }
    return false;
  }
}
