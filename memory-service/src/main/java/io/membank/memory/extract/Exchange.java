package io.membank.memory.extract;

import java.util.List;

/**
 * The text an extractor reads: what the user said (facts come from here), what the assistant
 * answered, and earlier turns for context.
 */
public record Exchange(
    String userText, String assistantText, List<String> recentUserMessages, String summary) {}
