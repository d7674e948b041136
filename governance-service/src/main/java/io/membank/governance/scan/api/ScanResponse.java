package io.membank.governance.scan.api;

import io.membank.governance.scan.service.ScanService.ScanResult;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a scan found: each finding's type, span, confidence and detector (never the value). */
public record ScanResponse(
    @Schema(description = "Every value found, in text order") List<FoundValue> findings,
    @Schema(description = "How many values of each type") List<TypeCount> summary) {

  /** One finding; {@code start}/{@code end} are UTF-16 offsets into the scanned text. */
  public record FoundValue(
      @Schema(description = "The data type found", example = "EMAIL") String type,
      @Schema(description = "Where it starts in the text (UTF-16 index, inclusive)", example = "11")
          int start,
      @Schema(description = "Where it ends (exclusive)", example = "28") int end,
      @Schema(description = "How sure the detector is, 0 to 1", example = "0.99") double confidence,
      @Schema(description = "Which detector found it", example = "regex") String detector) {}

  /** How many values of one type were found. */
  public record TypeCount(
      @Schema(description = "The data type", example = "EMAIL") String type,
      @Schema(description = "How many values of it", example = "1") int count) {}

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
