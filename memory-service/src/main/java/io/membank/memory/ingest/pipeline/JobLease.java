package io.membank.memory.ingest.pipeline;

import io.membank.contracts.AuditEvent;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.ingest.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The first step: a job is taken with a lease, so a dead worker's job is taken over once the lease
 * runs out; progress and failed attempts are written back here.
 */
@ApplicationScoped
public class JobLease {

  private final EntityManager em;
  private final MemoryConfig config;
  private final AuditTrail audit;

  JobLease(EntityManager em, MemoryConfig config, AuditTrail audit) {
    this.em = em;
    this.config = config;
    this.audit = audit;
  }

  /** Takes the job if it is queued, or processing with an expired lease. */
  @Transactional
  public Optional<JobEntity> claim(UUID jobId) {
    int updated =
        em.createNativeQuery(
                "update jobs set status = 'processing', attempts = attempts + 1,"
                    + " lease_until = now() + make_interval(secs => :lease),"
                    + " started_at = coalesce(started_at, now()), progress = 0.1, updated_at = now()"
                    + " where id = :id and (status = 'queued'"
                    + " or (status = 'processing' and lease_until < now()))")
            .setParameter("lease", (double) config.jobLease().toSeconds())
            .setParameter("id", jobId)
            .executeUpdate();
    if (updated == 0) {
      return Optional.empty();
    }
    JobEntity job = JobEntity.findById(jobId);
    if (job.attempts > config.maxAttempts()) {
      job.status = JobEntity.FAILED;
      job.error = "gave up after " + config.maxAttempts() + " attempts";
      job.completedAt = OffsetDateTime.now();
      job.updatedAt = job.completedAt;
      failed(job);
      return Optional.empty();
    }
    return Optional.of(job);
  }

  @Transactional
  public void markProgress(UUID jobId, double progress) {
    em.createNativeQuery(
            "update jobs set progress = :p, updated_at = now() where id = :id and status = 'processing'")
        .setParameter("p", progress)
        .setParameter("id", jobId)
        .executeUpdate();
  }

  /** A failed attempt: back to the queue (or failed for good once attempts are used up). */
  @Transactional
  public void release(UUID jobId, RuntimeException cause) {
    JobEntity job = JobEntity.findById(jobId);
    if (job == null || !JobEntity.PROCESSING.equals(job.status)) {
      return;
    }
    job.error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    job.leaseUntil = null;
    job.updatedAt = OffsetDateTime.now();
    if (job.attempts >= config.maxAttempts()) {
      job.status = JobEntity.FAILED;
      job.completedAt = job.updatedAt;
      failed(job);
    } else {
      job.status = JobEntity.QUEUED;
    }
  }

  /** The job's failure on audit.events (webhooks tell subscribers "job.failed" from it). */
  private void failed(JobEntity job) {
    audit.recordSystem(
        job.tenantId,
        AuditEvent.Action.MODIFY,
        JobOutcomes.RESOURCE,
        job.id.toString(),
        job.userId,
        Map.of("status", JobEntity.FAILED, "error", String.valueOf(job.error)));
  }
}
