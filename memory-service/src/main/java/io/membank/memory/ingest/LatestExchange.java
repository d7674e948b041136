package io.membank.memory.ingest;

import java.time.OffsetDateTime;

/** The latest user/assistant exchange of a conversation. */
public record LatestExchange(
    String userMessage, String assistantMessage, OffsetDateTime timestamp) {}
