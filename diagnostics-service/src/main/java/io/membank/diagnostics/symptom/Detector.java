package io.membank.diagnostics.symptom;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What found a symptom. */
public enum Detector {
  /** A configured threshold. */
  STATIC,
  /** A departure from the metric's own baseline (median ± k·MAD). */
  ANOMALY,
  /** A steady rise over the window (regression). */
  TREND;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
