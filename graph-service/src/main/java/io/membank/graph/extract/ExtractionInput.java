package io.membank.graph.extract;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What an extractor reads.
 *
 * @param content the memory's text
 * @param knownEntities entity names memory-service already attached to the memory (may be empty)
 * @param referenceTime when the memory was written, to resolve "tomorrow" / "明天"
 */
public record ExtractionInput(
    String content, List<String> knownEntities, OffsetDateTime referenceTime) {

  public ExtractionInput {
    content = content == null ? "" : content;
    knownEntities = knownEntities == null ? List.of() : List.copyOf(knownEntities);
  }
}
