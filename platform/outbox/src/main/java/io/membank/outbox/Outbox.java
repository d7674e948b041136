package io.membank.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.http.Traces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction: an event exists if and only
 * if the state it describes was committed.
 */
@ApplicationScoped
public class Outbox {

  /** Fired when a transaction that wrote to the outbox commits, so the relay runs at once. */
  public record Written() {}

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final EntityManager em;
  private final Event<Written> written;
  private final OutboxConfig config;

  Outbox(EntityManager em, Event<Written> written, OutboxConfig config) {
    this.em = em;
    this.written = written;
    this.config = config;
  }

  /**
   * Wraps {@code data} in a CloudEvent from this service and adds it; it is published only if the
   * surrounding transaction commits.
   *
   * @param topic logical topic (see {@code Topics}); the relay appends the configured suffix
   * @param key Kafka record key (what must stay in order: a memory id, a tenant…)
   * @param type versioned CloudEvents type (see {@code EventTypes})
   * @param subject CloudEvents subject (the resource the event is about)
   * @param tenant the tenant the event belongs to
   * @return the event as written (its id is the outbox record's id)
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public <T> CloudEvent<T> add(
      String topic, String key, String type, String subject, String tenant, T data) {
    CloudEvent<T> event = CloudEvent.of(type, config.source(), subject, tenant, data);
    String traceparent = Traces.currentTraceparent();
    String payload;
    try {
      payload = JSON.writeValueAsString(event.withTraceparent(traceparent));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serializable: " + type, e);
    }
    em.createNativeQuery(
            "insert into outbox (id, topic, message_key, event_type, payload, created_at,"
                + " traceparent) values (:id, :topic, :key, :type, cast(:payload as jsonb), now(),"
                + " :traceparent)")
        .setParameter("id", UUID.fromString(event.id()))
        .setParameter("topic", topic)
        .setParameter("key", key)
        .setParameter("type", type)
        .setParameter("payload", payload)
        .setParameter("traceparent", traceparent)
        .executeUpdate();
    written.fire(new Written());
    return event;
  }
}
