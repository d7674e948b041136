package io.membank.memory.extract;

import io.membank.contracts.MemoryType;
import java.util.List;

/**
 * A fact the extractor proposes to remember.
 *
 * @param content the fact, in the user's language, standing alone: a named speaker's first person
 *     is resolved to the name ("Maya loves sushi."), relative dates carry their resolved date
 * @param type what kind of fact it is
 * @param importance 0..1
 * @param entities names the fact mentions
 * @param slot what the fact is about, when it holds one value at a time (e.g. {@code lives_in},
 *     {@code likes:coffee}), qualified by a named speaker ({@code lives_in@maya}: Maya's city, not
 *     the user's); null for free-form facts
 * @param slotValue the value the fact gives the slot (e.g. {@code paris}, or {@code no} for "I
 *     don't like coffee"); a new value in an occupied slot contradicts the old one
 * @param subject who the fact is about: the speaker's name, or null for the user
 * @param occurred when what it tells happened (resolved from a relative date against the message
 *     time), or null
 * @param source the message it was extracted from (its id, time, speaker and text), or null when
 *     the extractor read the job's text as a whole
 */
public record Candidate(
    String content,
    MemoryType type,
    double importance,
    List<String> entities,
    String slot,
    String slotValue,
    String subject,
    TimeSpan occurred,
    MessageSource source) {

  /** A fact as an extractor proposes it, not yet tied to a message. */
  public Candidate(
      String content,
      MemoryType type,
      double importance,
      List<String> entities,
      String slot,
      String slotValue,
      String subject,
      TimeSpan occurred) {
    this(content, type, importance, entities, slot, slotValue, subject, occurred, null);
  }

  /** A fact about the user with no event time. */
  public Candidate(
      String content,
      MemoryType type,
      double importance,
      List<String> entities,
      String slot,
      String slotValue) {
    this(content, type, importance, entities, slot, slotValue, null, null, null);
  }

  /** This candidate, extracted from {@code message}. */
  public Candidate from(MessageSource message) {
    return new Candidate(
        content, type, importance, entities, slot, slotValue, subject, occurred, message);
  }
}
