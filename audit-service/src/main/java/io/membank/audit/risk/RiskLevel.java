package io.membank.audit.risk;

import java.util.Locale;

/** How risky an audited event is; {@code high} and above raise alerts by default. */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The lower-case name used in JSON, SQL and query parameters. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; unknown names are an {@link IllegalArgumentException}. */
  public static RiskLevel of(String wire) {
    return valueOf(wire.trim().toUpperCase(Locale.ROOT));
  }
}
