package io.membank.outbox;

import io.agroal.api.AgroalDataSource;
import io.membank.http.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox records to Kafka in order, marking each published only after the broker
 * acknowledged it. While Kafka is down records simply wait; nothing accepted is ever dropped.
 */
@ApplicationScoped
public class OutboxRelay {

  /** Records the relay published. */
  public static final String PUBLISHED_METRIC = "outbox_published";

  /** Attempts that failed (the record is tried again; order is kept). */
  public static final String FAILED_METRIC = "outbox_publish_failures";

  /** Time from the writing transaction to the broker's acknowledgement. */
  public static final String DELAY_METRIC = "outbox_relay_delay_seconds";

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /** Writes the trace context into a Kafka record's headers. */
  private static final TextMapSetter<Headers> HEADERS =
      (headers, key, value) -> headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));

  /** One outbox row, as the relay reads it. */
  record Pending(
      UUID id,
      String topic,
      String key,
      String type,
      String payload,
      String traceparent,
      OffsetDateTime createdAt) {}

  private final AgroalDataSource dataSource;
  private final Tracer tracer;
  private final Map<String, Object> kafkaConfig;
  private final OutboxConfig config;
  private final MeterRegistry registry;
  private final SingleDrainer drainer;
  private volatile KafkaProducer<String, String> producer;

  OutboxRelay(
      AgroalDataSource dataSource,
      Tracer tracer,
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      OutboxConfig config,
      MeterRegistry registry) {
    this.dataSource = dataSource;
    this.tracer = tracer;
    this.kafkaConfig = kafkaConfig;
    this.config = config;
    this.registry = registry;
    this.drainer = new SingleDrainer("outbox.relay", config.batchSize(), this::publishBatch);
  }

  /** Runs right after a transaction that wrote events commits, so latency stays low. */
  void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
    drainer.drainInBackground();
  }

  /** Safety net: picks up whatever an earlier attempt could not publish (e.g. Kafka was down). */
  @Scheduled(
      every = "${membank.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    drainer.drain();
  }

  /** Publishes one batch in order; stops at the first failure so order is kept. */
  @Transactional
  int publishBatch() {
    try (Connection c = dataSource.getConnection()) {
      int published = 0;
      for (Pending record : pending(c)) {
        try {
          send(record);
          mark(c, record.id(), null);
          registry.counter(PUBLISHED_METRIC).increment();
          registry
              .timer(DELAY_METRIC)
              .record(Duration.between(record.createdAt(), OffsetDateTime.now()));
          published++;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
          String error = String.valueOf(e.getMessage());
          mark(c, record.id(), error);
          registry.counter(FAILED_METRIC).increment();
          LOG.warnf(
              "outbox.publish.failed id=%s topic=%s error=%s", record.id(), record.topic(), error);
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return published;
    } catch (SQLException e) {
      // The database is away: nothing was marked, so the same records go out on a later round.
      LOG.warnf("outbox.relay.database_unavailable error=%s", e.getMessage());
      return 0;
    }
  }

  private List<Pending> pending(Connection c) throws SQLException {
    List<Pending> batch = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "select id, topic, message_key, event_type, cast(payload as text), traceparent,"
                + " created_at from outbox where published_at is null"
                + " order by created_at, id limit ? for update skip locked")) {
      select.setInt(1, config.batchSize());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          batch.add(
              new Pending(
                  rows.getObject(1, UUID.class),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getObject(7, OffsetDateTime.class)));
        }
      }
    }
    return batch;
  }

  /** Published (error null) or one more failed attempt. */
  private static void mark(Connection c, UUID id, String error) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            error == null
                ? "update outbox set published_at = now() where id = ?"
                : "update outbox set attempts = attempts + 1, last_error = ? where id = ?")) {
      int i = 1;
      if (error != null) {
        update.setString(i++, error);
      }
      update.setObject(i, id);
      update.executeUpdate();
    }
  }

  /**
   * Sends one record as a producer span, child of the transaction that wrote it, and carries that
   * span in the record's {@code traceparent} header so consumers continue the same trace.
   */
  private void send(Pending record)
      throws ExecutionException, InterruptedException, TimeoutException {
    String topic = record.topic() + config.topicSuffix().orElse("");
    ProducerRecord<String, String> message =
        new ProducerRecord<>(topic, record.key(), record.payload());
    message
        .headers()
        .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8))
        .add("ce_type", record.type().getBytes(StandardCharsets.UTF_8));
    Span span =
        tracer
            .spanBuilder(topic + " publish")
            .setParent(Traces.parentContext(record.traceparent()))
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation", "publish")
            .setAttribute("messaging.destination.name", topic)
            .setAttribute("messaging.message.id", record.id().toString())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      W3CTraceContextPropagator.getInstance().inject(Context.current(), message.headers(), HEADERS);
      producer().send(message).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      throw e;
    } finally {
      span.end();
    }
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
          settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
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
