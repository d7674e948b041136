package io.membank.memory.decide;

import java.util.UUID;

/**
 * An existing, currently valid memory as the decision engine sees it.
 *
 * @param id the memory id
 * @param normalized its normalized content
 * @param slot its slot, or null
 * @param slotValue its slot value, or null
 */
public record Known(UUID id, String normalized, String slot, String slotValue) {}
