package io.membank.cost.usage;

import java.util.Locale;

/** A dimension a usage report can be grouped by; each maps to a fixed SQL expression. */
public enum GroupBy {
  SERVICE("service"),
  OPERATION("operation"),
  PROVIDER("provider"),
  MODEL("model"),
  HOUR("bucket"),
  DAY("date_trunc('day', bucket, 'UTC')");

  private final String expression;

  GroupBy(String expression) {
    this.expression = expression;
  }

  /** The SQL expression (a constant, never user input). */
  public String expression() {
    return expression;
  }

  /** Whether this is a time bucket rather than a label. */
  public boolean time() {
    return this == HOUR || this == DAY;
  }

  /** The name on the wire ({@code group_by=model}, CSV header). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The dimension named {@code value}; null when there is none. */
  public static GroupBy ofWire(String value) {
    for (GroupBy g : values()) {
      if (g.wire().equals(value)) {
        return g;
      }
    }
    return null;
  }
}
