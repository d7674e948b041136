package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** Data of {@code llm.usage}: one model call (chat or embedding), for cost and observability. */
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
    @JsonProperty("trace_id") String traceId) {}
