package io.membank.privacy.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every detector over a text and keeps one finding per region of text: where findings overlap,
 * the most confident wins, then the longest (a card number is not also a phone number).
 * Thread-safe; build one and share it.
 */
public final class Scanner {

  private static final Comparator<Finding> STRONGEST_FIRST =
      Comparator.comparingDouble(Finding::confidence)
          .reversed()
          .thenComparing(Comparator.comparingInt(Finding::length).reversed())
          .thenComparingInt(Finding::start);

  private final List<Detector> detectors;

  public Scanner(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** Every built-in detector; phone numbers without a country code are read as Chinese or US. */
  public static Scanner defaults() {
    return new Scanner(
        List.of(
            new SecretDetector(),
            new EmailDetector(),
            new CnResidentIdDetector(),
            new PaymentCardDetector(),
            new IbanDetector(),
            new UsSsnDetector(),
            new PhoneDetector(),
            new IpAddressDetector(),
            new DateOfBirthDetector(),
            new PostalAddressDetector(),
            new PersonNameDetector()));
  }

  public List<Detector> detectors() {
    return detectors;
  }

  /** Non-overlapping findings in text order. */
  public List<Finding> scan(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Finding> all = new ArrayList<>();
    for (Detector detector : detectors) {
      detector.detect(text, all);
    }
    if (all.size() < 2) {
      return all;
    }
    all.sort(STRONGEST_FIRST);
    List<Finding> kept = new ArrayList<>(all.size());
    for (Finding candidate : all) {
      if (kept.stream().noneMatch(candidate::overlaps)) {
        kept.add(candidate);
      }
    }
    kept.sort(Comparator.comparingInt(Finding::start));
    return kept;
  }
}
