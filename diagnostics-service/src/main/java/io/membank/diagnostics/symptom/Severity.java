package io.membank.diagnostics.symptom;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a symptom or diagnosis is; critical ones page. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
