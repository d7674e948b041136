package io.membank.governance.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction; {@link OutboxRelay}
 * publishes them after commit. Minimal on purpose: memory-service's outbox is moving into a
 * platform module, and this one should be replaced by it then.
 */
@ApplicationScoped
public class Outbox {

  /** The CloudEvents {@code source} of everything this service emits. */
  public static final String SOURCE = "/membank/governance-service";

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final AgroalDataSource dataSource;

  public Outbox(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Adds the event; it is published only if the surrounding transaction commits. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void add(String topic, String key, CloudEvent<?> event) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into outbox (id, topic, message_key, event_type, payload)"
                    + " values (?, ?, ?, ?, ?)")) {
      insert.setObject(1, UUID.fromString(event.id()));
      insert.setString(2, topic);
      insert.setString(3, key);
      insert.setString(4, event.type());
      insert.setObject(5, JSON.writeValueAsString(event), Types.OTHER);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("outbox write failed", e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not serializable: " + event.type(), e);
    }
  }
}
