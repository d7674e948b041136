package io.membank.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.http.Traces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction: an event exists if and only
 * if the state it describes was committed. Plain JDBC, so it serves services with and without
 * Hibernate: inside a JTA transaction the datasource hands out the connection already enlisted in
 * it (the one Hibernate uses too); a service that runs its own JDBC transactions passes its
 * connection.
 */
@ApplicationScoped
public class Outbox {

  /** Fired when a transaction that wrote to the outbox commits, so the relay runs at once. */
  public record Written() {}

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final AgroalDataSource dataSource;
  private final Event<Written> written;
  private final OutboxConfig config;

  Outbox(AgroalDataSource dataSource, Event<Written> written, OutboxConfig config) {
    this.dataSource = dataSource;
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
    CloudEvent<T> event;
    try (Connection c = dataSource.getConnection()) {
      event = insert(c, topic, key, type, subject, tenant, data);
    } catch (SQLException e) {
      throw new IllegalStateException("outbox write failed: " + e.getMessage(), e);
    }
    written.fire(new Written());
    return event;
  }

  /**
   * The same as {@link #add} on a connection whose transaction the caller commits itself (services
   * that use JDBC transactions rather than JTA); the relay's next poll publishes the event.
   */
  public <T> CloudEvent<T> add(
      Connection c, String topic, String key, String type, String subject, String tenant, T data)
      throws SQLException {
    return insert(c, topic, key, type, subject, tenant, data);
  }

  private <T> CloudEvent<T> insert(
      Connection c, String topic, String key, String type, String subject, String tenant, T data)
      throws SQLException {
    CloudEvent<T> event = CloudEvent.of(type, config.source(), subject, tenant, data);
    String traceparent = Traces.currentTraceparent();
    String payload;
    try {
      payload = JSON.writeValueAsString(event.withTraceparent(traceparent));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serializable: " + type, e);
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into outbox (id, topic, message_key, event_type, payload, created_at,"
                + " traceparent) values (?, ?, ?, ?, ?, now(), ?)")) {
      insert.setObject(1, UUID.fromString(event.id()));
      insert.setString(2, topic);
      insert.setString(3, key);
      insert.setString(4, type);
      insert.setObject(5, payload, Types.OTHER);
      insert.setString(6, traceparent);
      insert.executeUpdate();
    }
    return event;
  }
}
