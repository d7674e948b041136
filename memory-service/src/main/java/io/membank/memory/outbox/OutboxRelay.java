package io.membank.memory.outbox;

import io.membank.http.Traces;
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
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox records to Kafka in order, marking each published only after the broker
 * acknowledged it. While Kafka is down records simply wait; nothing accepted is ever dropped.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /** Writes the trace context into a Kafka record's headers. */
  private static final TextMapSetter<Headers> HEADERS =
      (headers, key, value) -> headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));

  @Inject EntityManager em;

  @Inject Tracer tracer;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  /** Appended to every topic name; tests use it to isolate their topics. */
  @ConfigProperty(name = "membank.kafka.topic-suffix")
  Optional<String> topicSuffix;

  @ConfigProperty(name = "membank.outbox.batch-size", defaultValue = "200")
  int batchSize;

  @ConfigProperty(name = "membank.outbox.send-timeout", defaultValue = "5s")
  Duration sendTimeout;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean requested = new AtomicBoolean();
  private volatile KafkaProducer<String, String> producer;

  /** Runs right after a transaction that wrote events commits, so latency stays low. */
  void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
    // Hand off: never publish on the request thread.
    Thread.ofVirtual().start(this::drainQuietly);
  }

  /** Safety net: picks up whatever an earlier attempt could not publish (e.g. Kafka was down). */
  @Scheduled(
      every = "${membank.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    drainQuietly();
  }

  void drainQuietly() {
    requested.set(true);
    // One drainer at a time; a request that arrives while it runs makes it go round again, so
    // a freshly committed record never waits for the next poll.
    while (requested.get() && running.compareAndSet(false, true)) {
      try {
        while (requested.getAndSet(false)) {
          while (publishBatch() == batchSize) {
            // keep draining while full batches come back
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

  /** Publishes one batch in order; stops at the first failure so order is kept. */
  @Transactional
  int publishBatch() {
    @SuppressWarnings("unchecked")
    List<OutboxRecord> batch =
        em.createNativeQuery(
                "select * from outbox where published_at is null order by created_at, id"
                    + " limit :n for update skip locked",
                OutboxRecord.class)
            .setParameter("n", batchSize)
            .getResultList();
    int published = 0;
    for (OutboxRecord record : batch) {
      try {
        send(record);
        record.publishedAt = OffsetDateTime.now();
        published++;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        record.attempts++;
        record.lastError = String.valueOf(e.getMessage());
        LOG.warnf(
            "outbox.publish.failed id=%s topic=%s attempts=%d error=%s",
            record.id, record.topic, record.attempts, record.lastError);
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return published;
  }

  /**
   * Sends one record as a producer span, child of the transaction that wrote it, and carries that
   * span in the record's {@code traceparent} header so consumers continue the same trace.
   */
  private void send(OutboxRecord record)
      throws ExecutionException, InterruptedException, TimeoutException {
    String topic = record.topic + topicSuffix.orElse("");
    ProducerRecord<String, String> message =
        new ProducerRecord<>(topic, record.messageKey, record.payload);
    message
        .headers()
        .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8))
        .add("ce_type", record.eventType.getBytes(StandardCharsets.UTF_8));
    Span span =
        tracer
            .spanBuilder(topic + " publish")
            .setParent(Traces.parentContext(record.traceparent))
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation", "publish")
            .setAttribute("messaging.destination.name", topic)
            .setAttribute("messaging.message.id", record.id.toString())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      W3CTraceContextPropagator.getInstance().inject(Context.current(), message.headers(), HEADERS);
      producer().send(message).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
          Map<String, Object> config = new HashMap<>(kafkaConfig);
          config.put(ProducerConfig.ACKS_CONFIG, "all");
          config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
          config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) sendTimeout.toMillis());
          config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
          config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
          config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
          config.put(ProducerConfig.CLIENT_ID_CONFIG, "memory-service-outbox");
          producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
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
