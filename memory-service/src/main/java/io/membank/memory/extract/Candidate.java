package io.membank.memory.extract;

import io.membank.contracts.MemoryType;
import java.util.List;

/**
 * A fact the extractor proposes to remember.
 *
 * @param content the fact, in the user's language
 * @param type what kind of fact it is
 * @param importance 0..1
 * @param entities names the fact mentions
 * @param slot what the fact is about, when it holds one value at a time (e.g. {@code lives_in},
 *     {@code likes:coffee}); null for free-form facts
 * @param slotValue the value the fact gives the slot (e.g. {@code paris}, or {@code no} for "I
 *     don't like coffee"); a new value in an occupied slot contradicts the old one
 */
public record Candidate(
    String content,
    MemoryType type,
    double importance,
    List<String> entities,
    String slot,
    String slotValue) {}
