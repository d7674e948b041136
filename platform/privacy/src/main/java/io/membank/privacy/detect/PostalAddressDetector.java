package io.membank.privacy.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal addresses, best effort, by shape: in English a house number, one to three capitalised
 * words and a street suffix, then optional unit, city, state and ZIP; in Chinese a place chain
 * (省/市/区/县, optional) ending in a road (路/街/大道/巷/胡同) and a house number (号), then optional building
 * and room. Addresses without a house number ("near the station") are missed.
 */
public final class PostalAddressDetector implements Detector {

  private static final Pattern EN =
      Pattern.compile(
          "(?<![\\w#])\\d{1,5}(?: [A-Z][a-z]+| [NSEW]\\.?){1,4} (?:Street|St|Avenue|Ave|Road|Rd"
              + "|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy"
              + "|Highway|Hwy|Square|Sq)\\b\\.?"
              + "(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl)\\.? ?#?\\w{1,5})?"
              + "(?:, [A-Z][a-z]+(?: [A-Z][a-z]+){0,2})?"
              + "(?:,? [A-Z]{2})?"
              + "(?: \\d{5}(?:-\\d{4})?)?");
  private static final Pattern ZH =
      Pattern.compile(
          "(?:[\\p{IsHan}]{2,4}(?:省|自治区))?(?:[\\p{IsHan}]{2,4}市)?(?:[\\p{IsHan}]{1,4}[区县])?"
              + "[\\p{IsHan}\\d]{1,10}?(?:路|街|大道|大街|巷|胡同)(?:\\d+弄)?\\d+号"
              + "(?:院)?(?:\\d+(?:号楼|栋|幢|座))?(?:\\d+单元)?(?:\\d+(?:室|层|楼))?");
  private static final Pattern ZH_LEAD = Pattern.compile("^(?:我家)?(?:住在|地址是|地址为|寄到|搬到|位于|在|于)");

  @Override
  public String name() {
    return "postal-address";
  }

  @Override
  public void detect(String text, List<Finding> out) {
    Matcher en = EN.matcher(text);
    while (en.find()) {
      out.add(new Finding(DataType.POSTAL_ADDRESS, en.start(), en.end(), 0.7, name()));
    }
    if (!Boundaries.hasHan(text)) {
      return;
    }
    Matcher zh = ZH.matcher(text);
    while (zh.find()) {
      // The place chain may start on the verb before it ("住在北京市…"): trim the verb.
      Matcher lead = ZH_LEAD.matcher(zh.group());
      int start = lead.find() ? zh.start() + lead.end() : zh.start();
      if (start < zh.end()) {
        out.add(new Finding(DataType.POSTAL_ADDRESS, start, zh.end(), 0.7, name()));
      }
    }
  }
}
