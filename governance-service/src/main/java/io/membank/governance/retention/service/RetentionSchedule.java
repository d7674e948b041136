package io.membank.governance.retention.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The enforcer's schedule: a pass every {@code membank.governance.retention.every} (default
 * hourly), and a look for unanswered runs every {@code retry-tick}. Replicas all tick; the pass's
 * advisory lock and the runs' row locks make one do the work.
 */
@ApplicationScoped
public class RetentionSchedule {

  private final RetentionEnforcer enforcer;

  public RetentionSchedule(RetentionEnforcer enforcer) {
    this.enforcer = enforcer;
  }

  @Scheduled(
      identity = "retention-pass",
      every = "${membank.governance.retention.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void pass() {
    enforcer.pass("scheduled", "retention-enforcer", null, null);
  }

  @Scheduled(
      identity = "retention-retry",
      every = "${membank.governance.retention.retry-tick}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void retry() {
    enforcer.retryDue();
  }
}
