package io.membank.memory.extract;

import java.time.OffsetDateTime;

/**
 * The message a candidate fact was extracted from: what a memory keeps of where it came from.
 *
 * @param messageId the client's message id, or null
 * @param saidAt when the message was said (its own {@code timestamp}, else the request's), or null
 * @param speaker who said it (the message's {@code name}), or null for the user themself
 * @param text what the message said (after privacy protection)
 */
public record MessageSource(String messageId, OffsetDateTime saidAt, String speaker, String text) {}
