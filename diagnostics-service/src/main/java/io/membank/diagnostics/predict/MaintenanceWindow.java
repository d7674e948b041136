package io.membank.diagnostics.predict;

import java.time.Instant;
import java.util.List;

/**
 * A proposed maintenance window before a predicted exhaustion, in the quietest hour available.
 *
 * @param expectedRequestRate the learnt mean request rate of that hour of day (all services)
 * @param busiestRequestRate the learnt rate of the busiest hour, for comparison
 */
public record MaintenanceWindow(
    Instant start,
    Instant end,
    String reason,
    List<String> components,
    Instant deadline,
    double expectedRequestRate,
    double busiestRequestRate) {}
