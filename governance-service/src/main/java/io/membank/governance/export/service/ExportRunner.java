package io.membank.governance.export.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Works on running exports, one at a time per replica (bounded memory and load); a replica that
 * stops holds its export only until the lease runs out, then another takes it over.
 */
@ApplicationScoped
public class ExportRunner {

  private final ExportService exports;

  public ExportRunner(ExportService exports) {
    this.exports = exports;
  }

  @Scheduled(
      every = "${membank.governance.export.tick}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    while (exports.runNext()) {
      // keep going while there is work
    }
  }
}
