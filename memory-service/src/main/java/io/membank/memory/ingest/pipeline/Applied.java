package io.membank.memory.ingest.pipeline;

import io.membank.memory.decide.Decision;
import java.util.List;
import java.util.UUID;

/**
 * What applying a plan did.
 *
 * @param outcomes one per decision, in order
 */
public record Applied(List<Outcome> outcomes) {

  /**
   * One applied decision.
   *
   * @param previousContent the memory's content before an UPDATE or INVALIDATE, else null
   */
  public record Outcome(Decision decision, String previousContent) {}

  /** Ids of the memories the decisions of one kind acted on, in order. */
  public List<UUID> memoriesOf(Decision.Event event) {
    return outcomes.stream()
        .filter(o -> o.decision().event() == event)
        .map(o -> o.decision().targetId())
        .toList();
  }
}
