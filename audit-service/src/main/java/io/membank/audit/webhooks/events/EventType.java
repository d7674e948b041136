package io.membank.audit.webhooks.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of events a webhook can subscribe to, by their name on the wire. */
public enum EventType {
  JOB_COMPLETED("job.completed"),
  JOB_FAILED("job.failed"),
  MEMORY_ADDED("memory.added"),
  MEMORY_UPDATED("memory.updated"),
  MEMORY_INVALIDATED("memory.invalidated"),
  MEMORY_DELETED("memory.deleted"),
  ERASURE_COMPLETED("erasure.completed");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  /** The name in requests, payloads and the delivery log. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** The type with this wire name, if any. */
  public static Optional<EventType> of(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }
}
