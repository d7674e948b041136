package io.membank.memory.extract;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The text an extractor reads: what the user said (facts come from here), what the assistant
 * answered, and earlier turns for context.
 *
 * @param userText what the user said; lines may start with a speaker's name ({@code "Maya: …"},
 *     {@code "王芳：…"}), which then names the subject of that line's facts
 * @param assistantText what the assistant answered, or null
 * @param recentUserMessages earlier user turns, for context
 * @param summary a rolling summary of the conversation, or null
 * @param speaker who said {@code userText} when it has no {@code Name:} prefix (a chat message's
 *     {@code name}), or null for the user themself
 * @param saidAt when it was said (the message's or the request's {@code timestamp}): relative dates
 *     ("yesterday", 上周) are resolved against it; null: left as they are
 */
public record Exchange(
    String userText,
    String assistantText,
    List<String> recentUserMessages,
    String summary,
    String speaker,
    OffsetDateTime saidAt) {

  /** An exchange of the user themself, with no message time. */
  public Exchange(
      String userText, String assistantText, List<String> recentUserMessages, String summary) {
    this(userText, assistantText, recentUserMessages, summary, null, null);
  }
}
