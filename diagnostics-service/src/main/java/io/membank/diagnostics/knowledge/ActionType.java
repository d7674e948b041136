package io.membank.diagnostics.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a solution does to the running suite; {@link #NONE} is advice for a human. */
public enum ActionType {
  RESTART_SERVICE,
  SCALE_DEPLOYMENT,
  ADJUST_RESOURCES,
  PAUSE_CONSUMER,
  RESUME_CONSUMER,
  SWITCH_LLM_FALLBACK,
  NONE;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ActionType parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
