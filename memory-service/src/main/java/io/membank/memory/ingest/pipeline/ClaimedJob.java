package io.membank.memory.ingest.pipeline;

import io.membank.memory.ingest.JobEntity;
import io.membank.memory.ingest.JobInput;
import java.util.UUID;

/**
 * A job this worker holds the lease of, with what it learns from: the value the pipeline's steps
 * pass along.
 */
public record ClaimedJob(
    UUID id,
    String tenantId,
    String userId,
    String agentId,
    String sessionId,
    int attempts,
    JobInput input) {

  static ClaimedJob of(JobEntity job) {
    return new ClaimedJob(
        job.id,
        job.tenantId,
        job.userId,
        job.agentId,
        job.sessionId,
        job.attempts,
        JobInput.fromMap(job.request));
  }
}
