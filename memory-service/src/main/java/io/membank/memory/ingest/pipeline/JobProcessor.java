package io.membank.memory.ingest.pipeline;

import io.membank.contracts.MemoryType;
import io.membank.identity.CallerLogFields;
import io.membank.memory.extract.Candidate;
import io.membank.memory.ingest.JobEntity;
import io.membank.memory.metrics.BusinessMetrics;
import io.membank.memory.privacy.service.BlockedByPolicyException;
import io.membank.memory.privacy.service.PolicyUnknownException;
import io.membank.memory.similar.SimilarMemories;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one ingestion job as explicit steps: claim (a lease) → protect → extract → find similar →
 * decide and apply (one transaction, {@link JobCompletion}). Extraction and the similar lookup run
 * outside any transaction; a failure anywhere returns the job to the queue. A job whose privacy
 * policy is not known yet waits without using up an attempt; one its policy blocks fails at once.
 */
@ApplicationScoped
public class JobProcessor {

  private static final Logger LOG = Logger.getLogger(JobProcessor.class);

  /** Log context key of the user whose memories a log line is about. */
  static final String USER_ID = "user_id";

  /** Progress reported once the facts are extracted. */
  private static final double EXTRACTED = 0.5;

  private final JobLease lease;
  private final ProtectStep protect;
  private final ExtractStep extract;
  private final SimilarMemories similar;
  private final JobCompletion completion;
  private final MeterRegistry registry;

  JobProcessor(
      JobLease lease,
      ProtectStep protect,
      ExtractStep extract,
      SimilarMemories similar,
      JobCompletion completion,
      MeterRegistry registry) {
    this.lease = lease;
    this.protect = protect;
    this.extract = extract;
    this.similar = similar;
    this.completion = completion;
    this.registry = registry;
  }

  /** Processes the job if it is waiting or its lease ran out; otherwise does nothing. */
  @WithSpan("JobProcessor.process")
  public void process(UUID jobId) {
    Optional<JobEntity> claimed = lease.claim(jobId);
    if (claimed.isEmpty()) {
      return;
    }
    JobEntity row = claimed.get();
    // Every log line of the job says whose memories it is about.
    MDC.put(CallerLogFields.TENANT, row.tenantId);
    MDC.put(USER_ID, row.userId);
    Timer.Sample sample = Timer.start(registry);
    ClaimedJob safe = null;
    try {
      safe = protect.protect(ClaimedJob.of(row));
      Extracted extracted = extract.extract(safe);
      lease.markProgress(jobId, EXTRACTED);
      SimilarMemories.Lookup lookup =
          similar.find(
              safe.tenantId(),
              safe.userId(),
              extracted.extraction().candidates().stream()
                  .filter(c -> c.type() != MemoryType.EPISODE)
                  .map(Candidate::content)
                  .toList());
      completion.complete(safe, extracted, lookup);
      sample.stop(
          registry.timer(BusinessMetrics.OPERATION_DURATION, "operation", BusinessMetrics.INGEST));
    } catch (PolicyUnknownException e) {
      LOG.infof("memory.job.waiting job_id=%s reason=%s", jobId, e.reason());
      lease.postpone(jobId, e.getMessage());
    } catch (BlockedByPolicyException e) {
      LOG.infof("memory.job.blocked job_id=%s", jobId);
      lease.refuse(jobId, e);
    } catch (RuntimeException e) {
      LOG.errorf(e, "memory.job.failed job_id=%s attempts=%d", jobId, row.attempts);
      lease.release(jobId, e, safe);
    } finally {
      MDC.remove(CallerLogFields.TENANT);
      MDC.remove(USER_ID);
    }
  }
}
