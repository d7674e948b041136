package io.membank.search.index;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One search, already validated: free text for BM25 plus structured filters. Null means "no
 * filter".
 */
public record SearchQuery(
    String tenant,
    String userId,
    String text,
    int limit,
    String agentId,
    String sessionId,
    OffsetDateTime createdFrom,
    OffsetDateTime createdTo,
    Double importanceMin,
    Double importanceMax,
    List<String> types,
    List<String> entities,
    boolean includeInvalidated) {}
