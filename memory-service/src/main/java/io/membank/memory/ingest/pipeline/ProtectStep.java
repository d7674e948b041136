package io.membank.memory.ingest.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Protects what a job learns from before anything reads it (extraction, a model, the stores, the
 * logs, the bus). Today it lets everything through unchanged; the privacy engine (governance) takes
 * its place here, so that every later step only ever sees the protected input.
 */
@ApplicationScoped
public class ProtectStep {

  /** The job with its input as policy allows it to be processed. */
  public ClaimedJob protect(ClaimedJob job) {
    return job;
  }
}
