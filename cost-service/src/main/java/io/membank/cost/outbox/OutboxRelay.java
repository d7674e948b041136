package io.membank.cost.outbox;

import io.agroal.api.AgroalDataSource;
import io.membank.cost.config.CostConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in order and marks each published only once the broker
 * acknowledged it; while Kafka is down rows wait, so no decision or audit record is lost.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final AgroalDataSource db;
  private final Map<String, Object> kafkaConfig;
  private final String topicSuffix;
  private final CostConfig.Outbox config;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean requested = new AtomicBoolean();
  private volatile KafkaProducer<String, String> producer;

  OutboxRelay(
      AgroalDataSource db,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix,
      CostConfig config) {
    this.db = db;
    this.kafkaConfig = kafkaConfig;
    this.topicSuffix = topicSuffix.orElse("");
    this.config = config.outbox();
  }

  void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
    Thread.ofVirtual().start(this::drain);
  }

  /** Safety net for rows an earlier attempt could not publish (Kafka was down). */
  @Scheduled(
      every = "${membank.cost.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    drain();
  }

  /** Publishes until nothing is pending; one drainer at a time, re-run when asked meanwhile. */
  public void drain() {
    requested.set(true);
    while (requested.get() && running.compareAndSet(false, true)) {
      try {
        while (requested.getAndSet(false)) {
          while (publishBatch() == config.batchSize()) {
            // full batch: more may be waiting
          }
        }
      } catch (RuntimeException e) {
        LOG.warnf("outbox.relay.paused reason=%s", e.getMessage());
        return;
      } finally {
        running.set(false);
      }
    }
  }

  /** Publishes one batch in order, stopping at the first failure so order is kept. */
  @Transactional
  int publishBatch() {
    int published = 0;
    try (Connection c = db.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select id, topic, message_key, event_type, payload::text from outbox"
                    + " where published_at is null order by created_at, id limit ?"
                    + " for update skip locked");
        PreparedStatement done =
            c.prepareStatement("update outbox set published_at = now() where id = ?");
        PreparedStatement failed =
            c.prepareStatement(
                "update outbox set attempts = attempts + 1, last_error = ? where id = ?")) {
      select.setInt(1, config.batchSize());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          UUID id = rows.getObject(1, UUID.class);
          try {
            send(rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5));
          } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failed.setString(1, String.valueOf(e.getMessage()));
            failed.setObject(2, id);
            failed.executeUpdate();
            LOG.warnf("outbox.publish.failed id=%s error=%s", id, e.getMessage());
            break;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
          done.setObject(1, id);
          done.executeUpdate();
          published++;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("outbox read failed", e);
    }
    return published;
  }

  private void send(String topic, String key, String type, String payload)
      throws ExecutionException, InterruptedException, TimeoutException {
    ProducerRecord<String, String> message =
        new ProducerRecord<>(topic + topicSuffix, key, payload);
    message
        .headers()
        .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8))
        .add("ce_type", type.getBytes(StandardCharsets.UTF_8));
    producer().send(message).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          int timeout = (int) config.sendTimeout().toMillis();
          Map<String, Object> settings = new HashMap<>(kafkaConfig);
          settings.put(ProducerConfig.ACKS_CONFIG, "all");
          settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
          settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
          settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
          settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
          settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
          settings.put(ProducerConfig.CLIENT_ID_CONFIG, "cost-service-outbox");
          producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        }
      }
    }
    return producer;
  }

  void close(@Observes ShutdownEvent event) {
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }
}
