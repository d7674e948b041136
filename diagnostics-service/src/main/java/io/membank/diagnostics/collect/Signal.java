package io.membank.diagnostics.collect;

import java.time.Instant;

/** One value of one metric for one component (a service, consumer group or dead-letter topic). */
public record Signal(String component, Metric metric, Instant at, double value) {}
