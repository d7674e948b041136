package io.membank.cost.ledger;

import java.time.OffsetDateTime;

/**
 * One model call as the ledger records it: an {@code llm.usage} event, validated.
 *
 * @param eventId the CloudEvent id, the idempotency key
 * @param tokensCachedIn input tokens the provider served from its prompt cache (priced at the
 *     cached-input price): all input tokens of a call flagged {@code cached}
 * @param userKey SHA-256 (hex) of tenant and user id, or null when the record names no user
 * @param promptHash SHA-256 (hex) of the prompt sent, or null when the record carries none
 */
public record Usage(
    String eventId,
    String tenantId,
    OffsetDateTime occurredAt,
    String service,
    String provider,
    String model,
    String operation,
    long tokensIn,
    long tokensCachedIn,
    long tokensOut,
    long latencyMs,
    boolean cached,
    boolean success,
    String userKey,
    String promptHash) {}
