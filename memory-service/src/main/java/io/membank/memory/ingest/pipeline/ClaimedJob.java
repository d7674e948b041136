package io.membank.memory.ingest.pipeline;

import io.membank.memory.ingest.JobEntity;
import io.membank.memory.ingest.JobInput;
import io.membank.memory.privacy.service.Protection;
import java.util.UUID;

/**
 * A job this worker holds the lease of, with what it learns from: the value the pipeline's steps
 * pass along. {@code protection} is null until {@link ProtectStep} has replaced the input with its
 * protected form; every later step sees only that form.
 */
public record ClaimedJob(
    UUID id,
    String tenantId,
    String userId,
    String agentId,
    String sessionId,
    int attempts,
    JobInput input,
    Protection protection) {

  static ClaimedJob of(JobEntity job) {
    return new ClaimedJob(
        job.id,
        job.tenantId,
        job.userId,
        job.agentId,
        job.sessionId,
        job.attempts,
        JobInput.fromMap(job.request),
        null);
  }

  /** The same job with its input as the privacy policy lets it be processed. */
  ClaimedJob protectedAs(JobInput safe, Protection applied) {
    return new ClaimedJob(id, tenantId, userId, agentId, sessionId, attempts, safe, applied);
  }
}
