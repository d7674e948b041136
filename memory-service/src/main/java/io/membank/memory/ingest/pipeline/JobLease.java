package io.membank.memory.ingest.pipeline;

import io.membank.contracts.AuditEvent;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.ingest.JobEntity;
import io.membank.memory.privacy.events.ProtectionRecords;
import io.membank.memory.privacy.service.BlockedByPolicyException;
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

  /** How the error of a job waiting for its privacy policy starts (the sweeper retries those). */
  static final String WAITING = "waiting: ";

  private final EntityManager em;
  private final MemoryConfig config;
  private final ProtectionRecords protection;
  private final AuditTrail audit;

  JobLease(EntityManager em, MemoryConfig config, ProtectionRecords protection, AuditTrail audit) {
    this.em = em;
    this.config = config;
    this.protection = protection;
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

  /**
   * A failed attempt: back to the queue, or failed for good once attempts are used up — then the
   * stored input is replaced by its protected form ({@code safe}, when protection ran) or dropped,
   * so no raw text outlives the job.
   */
  @Transactional
  public void release(UUID jobId, RuntimeException cause, ClaimedJob safe) {
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
      job.request = safe == null ? Map.of() : safe.input().toMap();
      failed(job);
    } else {
      job.status = JobEntity.QUEUED;
    }
  }

  /**
   * The tenant's privacy policy is not known yet: back to the queue without using up an attempt
   * (the sweeper retries it), the raw input untouched and unread.
   */
  @Transactional
  public void postpone(UUID jobId, String reason) {
    em.createNativeQuery(
            "update jobs set status = 'queued', attempts = greatest(attempts - 1, 0),"
                + " lease_until = null, progress = 0, error = :reason, updated_at = now()"
                + " where id = :id and status = 'processing'")
        .setParameter("reason", WAITING + reason)
        .setParameter("id", jobId)
        .executeUpdate();
  }

  /**
   * The tenant's policy blocks a value in the input: the job fails for good with the reason (types
   * and policy version, never values), its input is dropped, and each action found is audited.
   */
  @Transactional
  public void refuse(UUID jobId, BlockedByPolicyException blocked) {
    JobEntity job = JobEntity.findById(jobId);
    if (job == null || !JobEntity.PROCESSING.equals(job.status)) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now();
    job.status = JobEntity.FAILED;
    job.error = "blocked: " + blocked.getMessage();
    job.request = Map.of();
    job.result = JobResult.refused(blocked.protection()).toMap();
    job.leaseUntil = null;
    job.completedAt = now;
    job.updatedAt = now;
    protection.ofJob(job.tenantId, jobId.toString(), job.userId, blocked.protection());
    failed(job);
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
