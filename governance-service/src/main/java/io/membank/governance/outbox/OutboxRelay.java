package io.membank.governance.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in creation order, marking each published only after the broker
 * acknowledged it; while Kafka is down rows wait and the attempt is counted. Policy changes are
 * rare, so polling every second (the scheduler's floor) is enough here (memory-service's relay also
 * runs on commit).
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 100;
  private static final long SEND_TIMEOUT_SECONDS = 5;

  private final AgroalDataSource dataSource;
  private final Map<String, Object> kafkaConfig;
  private final String topicSuffix;
  private volatile KafkaProducer<String, String> producer;

  public OutboxRelay(
      AgroalDataSource dataSource,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix) {
    this.dataSource = dataSource;
    this.kafkaConfig = kafkaConfig;
    this.topicSuffix = topicSuffix.orElse("");
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void drain() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select id, topic, message_key, payload::text from outbox"
                    + " where published_at is null order by created_at, id limit "
                    + BATCH);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        UUID id = rows.getObject(1, UUID.class);
        if (!publish(c, id, rows.getString(2), rows.getString(3), rows.getString(4))) {
          return; // keep the order: the rest waits for the next round
        }
      }
    } catch (SQLException e) {
      LOG.warnf("outbox relay: database unavailable (%s); retrying", e.getMessage());
    }
  }

  private boolean publish(Connection c, UUID id, String topic, String key, String payload)
      throws SQLException {
    try {
      producer()
          .send(new ProducerRecord<>(topic + topicSuffix, key, payload))
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      try (PreparedStatement failed =
          c.prepareStatement(
              "update outbox set attempts = attempts + 1, last_error = ? where id = ?")) {
        failed.setString(1, String.valueOf(e.getMessage()));
        failed.setObject(2, id);
        failed.executeUpdate();
      }
      LOG.warnf("outbox relay: publishing %s to %s failed (%s); will retry", id, topic, e);
      return false;
    }
    try (PreparedStatement done =
        c.prepareStatement("update outbox set published_at = now() where id = ?")) {
      done.setObject(1, id);
      done.executeUpdate();
    }
    return true;
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          Map<String, Object> config = new HashMap<>(kafkaConfig);
          config.put(ProducerConfig.ACKS_CONFIG, "all");
          config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
          config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          config.put(
              ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          producer = new KafkaProducer<>(config);
        }
      }
    }
    return producer;
  }

  void onStop(@Observes ShutdownEvent stop) {
    if (producer != null) {
      producer.close();
    }
  }
}
