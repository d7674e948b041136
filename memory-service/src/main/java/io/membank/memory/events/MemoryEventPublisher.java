package io.membank.memory.events;

import io.membank.contracts.CloudEvent;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import io.membank.memory.outbox.Outbox;
import io.membank.memory.store.MemoryEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Announces a memory's new state on {@code memory.events} (through the outbox). */
@ApplicationScoped
public class MemoryEventPublisher {

  @Inject Outbox outbox;

  /** Emits the memory's full state, keyed by memory id so its versions stay in order. */
  public void publish(MemoryEntity m, MemoryEvent.Operation operation, String type) {
    outbox.add(
        Topics.MEMORY_EVENTS,
        m.id.toString(),
        CloudEvent.of(
            type, Outbox.SOURCE, m.id.toString(), m.tenantId, MemoryEvents.of(m, operation)));
  }
}
