package io.membank.cost.outbox;

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
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction; {@link OutboxRelay} puts
 * them on Kafka after the commit. (A minimal copy of memory-service's outbox until the shared
 * platform module lands; the table is the same shape.)
 */
@ApplicationScoped
public class Outbox {

  /** Fired when a transaction that wrote to the outbox commits, so the relay runs at once. */
  public record Written() {}

  /** The CloudEvents {@code source} of everything this service emits. */
  public static final String SOURCE = "/membank/cost-service";

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final AgroalDataSource db;
  private final Event<Written> written;

  Outbox(AgroalDataSource db, Event<Written> written) {
    this.db = db;
    this.written = written;
  }

  /** Adds the event; it is published only if the surrounding transaction commits. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void add(String topic, String key, CloudEvent<?> event) {
    String payload;
    try {
      payload = JSON.writeValueAsString(event.withTraceparent(Traces.currentTraceparent()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serializable: " + event.type(), e);
    }
    try (Connection c = db.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into outbox (id, topic, message_key, event_type, payload)"
                    + " values (?, ?, ?, ?, ?::jsonb)")) {
      insert.setObject(1, UUID.fromString(event.id()));
      insert.setString(2, topic);
      insert.setString(3, key);
      insert.setString(4, event.type());
      insert.setString(5, payload);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("outbox insert failed", e);
    }
    written.fire(new Written());
  }
}
