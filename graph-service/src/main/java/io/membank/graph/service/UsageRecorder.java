package io.membank.graph.service;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.extract.ModelUsage;

/** Where the cost of a model call made for a memory is reported. */
public interface UsageRecorder {

  /** Reports one model call (its retries included) made while deriving the memory's graph. */
  void record(MemoryEvent event, ModelUsage usage);
}
