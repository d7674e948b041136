package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Data of {@code memory.ingest}: a pointer to an accepted ingestion job. The job itself (the
 * conversation) stays in memory-service's database; the event only wakes a worker.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryIngestRequested(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("user_id") String userId,
    @JsonProperty("batch_id") String batchId,
    int priority) {}
