package io.membank.memory.ingest.pipeline;

import io.membank.contracts.MemoryType;
import io.membank.identity.CallerLogFields;
import io.membank.memory.config.MemoryConfig;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one ingestion job as explicit steps: claim (a lease) → protect → extract → find similar →
 * decide and apply (one transaction, {@link JobCompletion}). Extraction and the similar lookup run
 * outside any transaction; a failure anywhere returns the job to the queue. A job whose privacy
 * policy is not known yet waits without using up an attempt; one its policy blocks fails at once. A
 * job whose similar lookup finds search-service busy waits the same way (back-pressure, not a
 * silent fallback), up to {@link MemoryConfig#similarSaturationWait()}.
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
  private final MemoryConfig config;

  JobProcessor(
      JobLease lease,
      ProtectStep protect,
      ExtractStep extract,
      SimilarMemories similar,
      JobCompletion completion,
      MeterRegistry registry,
      MemoryConfig config) {
    this.lease = lease;
    this.protect = protect;
    this.extract = extract;
    this.similar = similar;
    this.completion = completion;
    this.registry = registry;
    this.config = config;
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
      Optional<SimilarMemories.Lookup> lookup = lookupOrWait(row, safe, extracted);
      if (lookup.isEmpty()) {
        return;
      }
      completion.complete(safe, extracted, lookup.get());
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

  /**
   * The similar memories of the job's facts, or empty when search-service is busy (503, a full
   * pool, or slower than the timeout) and the job went back to the queue to be asked again at every
   * sweep: deciding blind risks a duplicate memory. Past {@link
   * MemoryConfig#similarSaturationWait()} from the job's first start it decides without (counted as
   * a fallback).
   */
  private Optional<SimilarMemories.Lookup> lookupOrWait(
      JobEntity row, ClaimedJob safe, Extracted extracted) {
    List<String> facts =
        extracted.extraction().candidates().stream()
            .filter(c -> c.type() != MemoryType.EPISODE)
            .map(Candidate::content)
            .toList();
    try {
      return Optional.of(similar.find(safe.tenantId(), safe.userId(), facts));
    } catch (SimilarMemories.SaturatedException
        | TimeoutException
        | CircuitBreakerOpenException e) {
      // started_at is set by the first claim (JobLease.claim) and kept by every later one
      if (row.startedAt.plus(config.similarSaturationWait()).isBefore(OffsetDateTime.now())) {
        return Optional.of(similar.gaveUpWaiting(safe.tenantId(), e));
      }
      String reason =
          switch (e) {
            case TimeoutException t -> BusinessMetrics.WAIT_TIMEOUT;
            case CircuitBreakerOpenException o -> BusinessMetrics.WAIT_BREAKER_OPEN;
            default -> BusinessMetrics.WAIT_SATURATED;
          };
      registry.counter(BusinessMetrics.SIMILAR_WAITS, "reason", reason).increment();
      LOG.infof("memory.job.waiting job_id=%s reason=search_%s", row.id, reason);
      lease.postpone(row.id, SimilarMemories.BUSY);
      return Optional.empty();
    }
  }
}
