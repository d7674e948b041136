package io.membank.diagnostics.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in order, marking each only after the broker acknowledged it.
 * While Kafka is down rows wait (and count attempts); nothing accepted is dropped.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 200;
  private static final long SEND_TIMEOUT_SECONDS = 5;

  private final AgroalDataSource db;
  private final Map<String, Object> kafkaConfig;
  private volatile KafkaProducer<String, String> producer;

  public OutboxRelay(
      AgroalDataSource db, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.db = db;
    this.kafkaConfig = kafkaConfig;
  }

  @Scheduled(
      every = "${membank.diagnostics.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    try {
      while (publishBatch() == BATCH) {
        // full batch: keep draining
      }
    } catch (RuntimeException | SQLException e) {
      LOG.warnf("diagnostics.outbox.paused reason=%s", e.getMessage());
    }
  }

  /** Publishes one batch in order, stopping at the first failure; returns how many went out. */
  int publishBatch() throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      int published = 0;
      try (PreparedStatement select =
              c.prepareStatement(
                  "select id, topic, message_key, payload::text from outbox where published_at is"
                      + " null order by created_at, id limit ? for update skip locked");
          PreparedStatement done =
              c.prepareStatement("update outbox set published_at = now() where id = ?");
          PreparedStatement failed =
              c.prepareStatement(
                  "update outbox set attempts = attempts + 1, last_error = ? where id = ?")) {
        select.setInt(1, BATCH);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            UUID id = rs.getObject(1, UUID.class);
            try {
              producer()
                  .send(new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(4)))
                  .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
              failed.setString(1, e.toString());
              failed.setObject(2, id);
              failed.executeUpdate();
              break;
            }
            done.setObject(1, id);
            done.executeUpdate();
            published++;
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
      return published;
    }
  }

  private KafkaProducer<String, String> producer() {
    KafkaProducer<String, String> p = producer;
    if (p == null) {
      synchronized (this) {
        if (producer == null) {
          Map<String, Object> props = new HashMap<>();
          props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
          props.put(ProducerConfig.ACKS_CONFIG, "all");
          props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
          props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
          props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
          props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
          props.put(ProducerConfig.CLIENT_ID_CONFIG, "diagnostics-outbox");
          producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        p = producer;
      }
    }
    return p;
  }

  @PreDestroy
  void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(2));
    }
  }
}
