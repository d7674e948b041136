package io.membank.memory.ingest.pipeline;

import io.membank.contracts.AuditEvent;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.decide.Decision;
import io.membank.memory.extract.Extraction;
import io.membank.memory.ingest.JobEntity;
import io.membank.memory.metrics.BusinessMetrics;
import io.membank.memory.privacy.events.ProtectionRecords;
import io.membank.memory.similar.SimilarMemories;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The last steps, in one transaction: decide, apply, meter the model calls, hand tokenized values
 * to the vault and audit the privacy actions, and complete the job — so a job's effects happen
 * exactly once even if the process is killed at any point.
 */
@ApplicationScoped
public class JobCompletion {

  private static final Logger LOG = Logger.getLogger(JobCompletion.class);

  private final EntityManager em;
  private final DecideStep decide;
  private final ApplyStep apply;
  private final ModelUsage usage;
  private final ProtectionRecords protection;
  private final MeterRegistry registry;
  private final AuditTrail audit;

  JobCompletion(
      EntityManager em,
      DecideStep decide,
      ApplyStep apply,
      ModelUsage usage,
      ProtectionRecords protection,
      MeterRegistry registry,
      AuditTrail audit) {
    this.em = em;
    this.decide = decide;
    this.apply = apply;
    this.usage = usage;
    this.protection = protection;
    this.registry = registry;
    this.audit = audit;
  }

  /**
   * Decides and applies all changes of the job and completes it; nothing if another finished it.
   */
  @Transactional
  public void complete(ClaimedJob job, Extracted extracted, SimilarMemories.Lookup lookup) {
    JobEntity row = em.find(JobEntity.class, job.id(), LockModeType.PESSIMISTIC_WRITE);
    if (!JobEntity.PROCESSING.equals(row.status)) {
      return; // another worker finished it meanwhile
    }
    OffsetDateTime now = OffsetDateTime.now();
    Extraction extraction = extracted.extraction();
    Plan plan = decide.decide(job, extraction, lookup);
    Applied applied = apply.apply(job, plan, now);
    usage.record(job, extraction, now);
    if (job.protection() != null) {
      protection.ofJob(job.tenantId(), job.id().toString(), job.userId(), job.protection());
    }
    // From here on only the protected input is kept: the raw text does not outlive the job.
    row.request = job.input().toMap();
    row.result = JobResult.of(applied, extracted, plan, job.protection()).toMap();
    row.status = JobEntity.COMPLETED;
    row.progress = 1.0;
    row.error = null;
    row.leaseUntil = null;
    row.completedAt = now;
    row.updatedAt = now;
    int added = count(applied, Decision.Event.ADD, BusinessMetrics.MEMORIES_CREATED);
    int updated = count(applied, Decision.Event.UPDATE, BusinessMetrics.MEMORIES_UPDATED);
    int invalidated =
        count(applied, Decision.Event.INVALIDATE, BusinessMetrics.MEMORIES_INVALIDATED);
    // The job's outcome on audit.events (webhooks tell subscribers "job.completed" from it).
    audit.recordSystem(
        job.tenantId(),
        AuditEvent.Action.MODIFY,
        JobOutcomes.RESOURCE,
        job.id().toString(),
        job.userId(),
        Map.of(
            "status", JobEntity.COMPLETED,
            "added", added,
            "updated", updated,
            "invalidated", invalidated));
    LOG.infof(
        "memory.job.completed job_id=%s tenant=%s user_id=%s added=%d updated=%d invalidated=%d",
        job.id(), job.tenantId(), job.userId(), added, updated, invalidated);
  }

  private int count(Applied applied, Decision.Event event, String metric) {
    int n = applied.memoriesOf(event).size();
    if (n > 0) {
      registry.counter(metric).increment(n);
    }
    return n;
  }
}
