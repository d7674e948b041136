package io.membank.memory.ingest;

import java.util.List;

/**
 * The conversation around a write (RFC §4.5): the latest exchange, earlier turns, a summary.
 *
 * @param currentExchange the exchange to learn from, when the write carries no plain content
 * @param recentMessages earlier turns, for context only
 * @param rollingSummary the client's summary of the conversation so far
 * @param sessionId the conversation's session, when the write names none itself
 */
public record TurnContext(
    LatestExchange currentExchange,
    List<Turn> recentMessages,
    String rollingSummary,
    String sessionId) {

  /** What the user said in the latest exchange, or null. */
  public String latestUserMessage() {
    return currentExchange == null ? null : currentExchange.userMessage();
  }
}
