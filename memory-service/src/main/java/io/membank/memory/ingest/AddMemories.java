package io.membank.memory.ingest;

import java.util.Map;

/**
 * A write of one exchange: learn from {@code content} or {@code context}'s latest exchange.
 *
 * @param customId the client's idempotency key when no Idempotency-Key header was sent
 */
public record AddMemories(
    String userId,
    String agentId,
    String sessionId,
    String content,
    TurnContext context,
    Map<String, Object> metadata,
    String customId) {

  /** The session the write names, itself or through its context. */
  public String session() {
    if (sessionId != null) {
      return sessionId;
    }
    return context == null ? null : context.sessionId();
  }
}
