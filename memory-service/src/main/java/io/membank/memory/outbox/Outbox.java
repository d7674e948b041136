package io.membank.memory.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.http.Traces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Writes events into the outbox inside the caller's transaction. */
@ApplicationScoped
public class Outbox {

  /** Fired when a transaction that wrote to the outbox commits, so the relay runs at once. */
  public record Written() {}

  private static final ObjectMapper JSON = EventJson.newMapper();

  /** The CloudEvents {@code source} of everything this service emits. */
  public static final String SOURCE = "/membank/memory-service";

  @Inject Event<Written> written;

  /** Adds the event to the outbox; it is published only if the surrounding transaction commits. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void add(String topic, String key, CloudEvent<?> event) {
    OutboxRecord record = new OutboxRecord();
    record.id = UUID.fromString(event.id());
    record.topic = topic;
    record.messageKey = key;
    record.eventType = event.type();
    record.createdAt = OffsetDateTime.now();
    record.traceparent = Traces.currentTraceparent();
    try {
      record.payload = JSON.writeValueAsString(event.withTraceparent(record.traceparent));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serializable: " + event.type(), e);
    }
    record.persist();
    written.fire(new Written());
  }
}
