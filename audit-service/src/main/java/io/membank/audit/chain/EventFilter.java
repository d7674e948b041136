package io.membank.audit.chain;

import io.membank.audit.risk.RiskLevel;
import java.time.Instant;

/**
 * Filters of a trail listing; null means "any". {@code from}/{@code to} bound {@code occurred_at}
 * (from inclusive, to exclusive).
 */
public record EventFilter(
    String actor,
    String resourceType,
    String resourceId,
    String eventType,
    String action,
    String outcome,
    RiskLevel risk,
    RiskLevel minRisk,
    String compliance,
    Instant from,
    Instant to) {

  /** No filter at all. */
  public static EventFilter none() {
    return new EventFilter(null, null, null, null, null, null, null, null, null, null, null);
  }
}
