package io.membank.memory.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A write of one exchange: learn from {@code content}, {@code messages} or {@code context}'s latest
 * exchange.
 *
 * @param customId the client's idempotency key when no Idempotency-Key header was sent
 * @param messages the conversation's turns, or null
 * @param infer whether to extract facts (true) or store the user's text verbatim as one memory
 * @param timestamp when the conversation happened (event time), or null
 * @param expiresAt when the memories stop being returned, or null for the tenant's default
 */
public record AddMemories(
    String userId,
    String agentId,
    String sessionId,
    String content,
    TurnContext context,
    Map<String, Object> metadata,
    String customId,
    List<Turn> messages,
    boolean infer,
    OffsetDateTime timestamp,
    OffsetDateTime expiresAt) {

  /** The session the write names, itself or through its context. */
  public String session() {
    if (sessionId != null) {
      return sessionId;
    }
    return context == null ? null : context.sessionId();
  }

  /** Whether the write carries any user text to learn from or store. */
  public boolean hasUserText() {
    if (content != null && !content.isBlank()) {
      return true;
    }
    if (messages != null) {
      return messages.stream().anyMatch(t -> t.byUser() && !t.content().isBlank());
    }
    String latest = context == null ? null : context.latestUserMessage();
    return latest != null && !latest.isBlank();
  }
}
