package io.membank.diagnostics.healing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a healing action is in its life. */
public enum ActionStatus {
  /** Risky or not on the allow-list: waits for an admin's approval. */
  AWAITING_APPROVAL,
  /** A safeguard said no; the reason says which. */
  REFUSED,
  /** Dry-run mode: planned, audited, not executed. */
  DRY_RUN,
  /** Done; the symptom must clear before {@code verify_at}. */
  EXECUTED,
  /** The symptom cleared in time. */
  VERIFIED,
  /** The symptom stayed; the previous state was restored. */
  ROLLED_BACK,
  /** The runtime failed, or the symptom stayed and there was nothing to roll back. */
  FAILED;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ActionStatus parse(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
