package io.membank.governance.scan.api;

import io.membank.governance.scan.service.ScanService.ScanResult;
import java.util.List;

/** What a scan found: each finding's type, span, confidence and detector (never the value). */
public record ScanResponse(List<FoundValue> findings, List<TypeCount> summary) {

  /** One finding; {@code start}/{@code end} are UTF-16 offsets into the scanned text. */
  public record FoundValue(String type, int start, int end, double confidence, String detector) {}

  /** How many values of one type were found. */
  public record TypeCount(String type, int count) {}

  static ScanResponse of(ScanResult result) {
    return new ScanResponse(
        result.findings().stream()
            .map(
                f ->
                    new FoundValue(
                        f.type().name(), f.start(), f.end(), f.confidence(), f.detector()))
            .toList(),
        result.counts().entrySet().stream()
            .map(e -> new TypeCount(e.getKey().name(), e.getValue()))
            .toList());
  }
}
