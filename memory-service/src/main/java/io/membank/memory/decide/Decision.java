package io.membank.memory.decide;

import io.membank.memory.extract.Candidate;
import java.util.UUID;

/**
 * What to do with one candidate fact.
 *
 * @param event ADD a new memory, UPDATE (merge into) the target, INVALIDATE the target (close it
 *     because the candidate contradicts it; an ADD of the candidate follows), or NOOP
 * @param candidate the fact
 * @param targetId the memory acted on: the existing one, or for ADD the id of the new one
 * @param reason a short human explanation, returned in the job result
 */
public record Decision(Event event, Candidate candidate, UUID targetId, String reason) {

  /** The kinds of decision. */
  public enum Event {
    ADD,
    UPDATE,
    INVALIDATE,
    NOOP
  }
}
