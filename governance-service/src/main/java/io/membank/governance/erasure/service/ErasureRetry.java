package io.membank.governance.erasure.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends unfinished erasures again on a schedule. Safe with several replicas: the due rows are
 * locked with {@code for update skip locked}, so each is sent by one of them.
 */
@ApplicationScoped
public class ErasureRetry {

  private final ErasureService erasures;

  public ErasureRetry(ErasureService erasures) {
    this.erasures = erasures;
  }

  @Scheduled(
      every = "${membank.governance.erasure.retry-tick:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    erasures.retryDue();
  }
}
