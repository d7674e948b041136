package io.membank.memory.events;

import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import io.membank.memory.store.MemoryEntity;
import io.membank.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces a memory's new state on {@code memory.events} (through the outbox). */
@ApplicationScoped
public class MemoryEventPublisher {

  private final Outbox outbox;

  MemoryEventPublisher(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Emits the memory's full state, keyed by memory id so its versions stay in order. */
  public void publish(MemoryEntity m, MemoryEvent.Operation operation, String type) {
    outbox.add(
        Topics.MEMORY_EVENTS,
        m.id.toString(),
        type,
        m.id.toString(),
        m.tenantId,
        MemoryEvents.of(m, operation));
  }
}
