package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * Data of {@code llm.usage}: one model call (chat or embedding), for cost and observability. An
 * {@code embed} record may sum many texts embedded in an interval: {@code texts} says how many.
 *
 * <p>{@code user_id} (whose data the call was about) and {@code prompt_hash} (lower-case hex
 * SHA-256 of the exact prompt sent, never the prompt itself) are optional: cost-service uses them
 * to find batching and caching opportunities.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmUsageEvent(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("occurred_at") OffsetDateTime occurredAt,
    String service,
    String provider,
    String model,
    String operation,
    @JsonProperty("tokens_in") long tokensIn,
    @JsonProperty("tokens_out") long tokensOut,
    @JsonProperty("latency_ms") long latencyMs,
    boolean cached,
    boolean success,
    @JsonProperty("trace_id") String traceId,
    Long texts,
    @JsonProperty("user_id") String userId,
    @JsonProperty("prompt_hash") String promptHash) {

  /** A usage record without user and prompt hash (embeddings summed over an interval). */
  public LlmUsageEvent(
      String tenantId,
      OffsetDateTime occurredAt,
      String service,
      String provider,
      String model,
      String operation,
      long tokensIn,
      long tokensOut,
      long latencyMs,
      boolean cached,
      boolean success,
      String traceId,
      Long texts) {
    this(
        tenantId,
        occurredAt,
        service,
        provider,
        model,
        operation,
        tokensIn,
        tokensOut,
        latencyMs,
        cached,
        success,
        traceId,
        texts,
        null,
        null);
  }

  /** A usage record of one call (no text count). */
  public LlmUsageEvent(
      String tenantId,
      OffsetDateTime occurredAt,
      String service,
      String provider,
      String model,
      String operation,
      long tokensIn,
      long tokensOut,
      long latencyMs,
      boolean cached,
      boolean success,
      String traceId) {
    this(
        tenantId,
        occurredAt,
        service,
        provider,
        model,
        operation,
        tokensIn,
        tokensOut,
        latencyMs,
        cached,
        success,
        traceId,
        null,
        null,
        null);
  }
}
