package io.membank.search.index;

import java.time.OffsetDateTime;
import java.util.List;

/** A memory as the index returns it. */
public record IndexedMemory(
    String id,
    String userId,
    String agentId,
    String sessionId,
    String content,
    String type,
    Double importance,
    List<String> entities,
    String metadataJson,
    long version,
    OffsetDateTime validFrom,
    OffsetDateTime validTo,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    float score) {}
