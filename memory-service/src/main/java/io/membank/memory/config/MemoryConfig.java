package io.membank.memory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Limits and timings of memory-service, each with a sane default. */
@ConfigMapping(prefix = "membank.memory")
public interface MemoryConfig {

  /** Longest accepted content or message, in characters. */
  @WithDefault("8000")
  int maxContentChars();

  /** Most conversations in one batch request. */
  @WithDefault("1000")
  int maxBatchConversations();

  /** How many of a user's current memories a new fact is compared with. */
  @WithDefault("500")
  int compareWithRecent();

  /** How many similar memories per new fact to ask search-service for. */
  @WithDefault("5")
  int similarPerFact();

  /** Word-overlap at or above which two statements are the same fact (0..1). */
  @WithDefault("0.6")
  double similarityThreshold();

  /** How long a worker owns a job before another may take it over. */
  @WithDefault("60s")
  Duration jobLease();

  /** Attempts before a job is marked failed. */
  @WithDefault("5")
  int maxAttempts();

  /**
   * How long a job waits (re-queued, asked again at every sweep) for a saturated search-service's
   * similar-memories answer before it decides without it (counted as a fallback).
   */
  @WithDefault("2m")
  Duration similarSaturationWait();

  /** A queued job older than this is processed by the sweeper even without its Kafka event. */
  @WithDefault("30s")
  Duration sweepAfter();

  /**
   * How long a memory is returned when its write names no {@code expires_at}; empty (the default)
   * keeps memories until they are deleted.
   */
  Optional<Duration> defaultTtl();

  /** How far in the future an event time may lie (clients' clocks drift). */
  @WithDefault("5m")
  Duration eventTimeSkew();
}
