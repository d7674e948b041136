package io.membank.diagnostics.predict;

import io.membank.diagnostics.collect.Metric;
import java.time.Instant;

/**
 * When a resource is expected to run out, from the linear trend of its recent window.
 *
 * @param exhaustedAt the trend's crossing of the limit
 * @param earliestAt the crossing at the upper end of the slope's 95% band (plan for this one)
 * @param latestAt the crossing at the lower end, or null when that slope does not rise at all
 * @param slopePerHour rise per hour, in the metric's unit
 */
public record Forecast(
    String component,
    Metric metric,
    double current,
    double limit,
    double slopePerHour,
    Instant exhaustedAt,
    Instant earliestAt,
    Instant latestAt,
    int samples) {}
