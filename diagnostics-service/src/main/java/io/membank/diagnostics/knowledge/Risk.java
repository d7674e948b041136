package io.membank.diagnostics.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a healing action can hurt if it is wrong; high always needs approval. */
public enum Risk {
  LOW,
  MEDIUM,
  HIGH;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Risk parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
