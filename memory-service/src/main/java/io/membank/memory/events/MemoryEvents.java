package io.membank.memory.events;

import io.membank.contracts.MemoryEvent;
import io.membank.memory.store.MemoryEntity;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Maps a memory's state to its {@code memory.events} payload. */
public final class MemoryEvents {

  private MemoryEvents() {}

  @SuppressWarnings("unchecked")
  public static MemoryEvent of(MemoryEntity m, MemoryEvent.Operation operation) {
    Map<String, Object> p = m.provenance == null ? Map.of() : m.provenance;
    List<OffsetDateTime> times =
        p.get("message_timestamps") instanceof List<?> list
            ? ((List<String>) list).stream().map(OffsetDateTime::parse).toList()
            : null;
    return new MemoryEvent(
        m.id.toString(),
        m.tenantId,
        m.userId,
        m.agentId,
        m.sessionId,
        operation,
        m.version,
        m.content,
        m.type.wireName(),
        m.importance,
        m.entities,
        m.metadata,
        m.validFrom,
        m.validTo,
        m.createdAt,
        m.updatedAt,
        new MemoryEvent.Provenance(
            (String) p.get("job_id"),
            (String) p.get("session_id"),
            (List<String>) p.get("message_ids"),
            times),
        m.occurredAt,
        m.expiresAt,
        // A deleted memory's event carries no text; a source equal to the content adds nothing.
        operation == MemoryEvent.Operation.DELETED || Objects.equals(m.sourceText, m.content)
            ? null
            : m.sourceText);
  }
}
