package io.membank.memory.ingest.pipeline;

/**
 * How a job's end is told on {@code audit.events}: a service record on the job's resource with
 * {@code details.status} completed or failed (audit-service's webhooks turn it into job.completed
 * and job.failed).
 */
final class JobOutcomes {

  /** The resource type of ingestion jobs in audit records (as when the job was accepted). */
  static final String RESOURCE = "memory_job";

  private JobOutcomes() {}
}
