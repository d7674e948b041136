package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of fact a memory is (RFC §4.5 filters by it). The wire name is the lower-case name
 * ({@code personal_info}); {@code MemoryEvent.type} carries it as a string.
 */
public enum MemoryType {
  PREFERENCE,
  PERSONAL_INFO,
  PLAN,
  RELATIONSHIP,
  HEALTH,
  EVENT,
  FACT,
  /**
   * A message kept as it was said because no fact came from it (issue 22: nothing the user said is
   * lost): searchable, never compared or merged with facts.
   */
  EPISODE;

  /** The name on the wire and in stores. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type of a wire name, ignoring case; empty for an unknown name. */
  public static Optional<MemoryType> fromWire(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.name().equals(upper)).findFirst();
  }

  /** Jackson: an unknown name is an error (callers that tolerate it use {@link #fromWire}). */
  @JsonCreator
  static MemoryType ofWire(String name) {
    return fromWire(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown memory type: " + name));
  }
}
