package io.membank.diagnostics.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.diagnostics.support.TestConfig;
import io.membank.testkit.KafkaResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dead-letter topics on the devstack's real broker: records that arrived within the symptom window
 * count as new even when the topic did not exist at the previous collection (the poison created
 * it), and old records are size, not growth.
 */
class KafkaLagTest {

  static final KafkaResource KAFKA = new KafkaResource();

  /** This test's topics end with it; a dead-letter topic without it is another suite's. */
  static final String SUFFIX = "-" + UUID.randomUUID().toString().substring(0, 8);

  static String bootstrap;
  static KafkaLag lag;

  @BeforeAll
  static void start() {
    bootstrap = KAFKA.start().get("kafka.bootstrap.servers");
    lag =
        new KafkaLag(
            Map.of("bootstrap.servers", bootstrap), TestConfig.defaults(), Optional.of(SUFFIX));
  }

  @AfterAll
  static void stop() {
    lag.close();
    KAFKA.stop();
  }

  @Test
  void aDeadLetterTopicCreatedByItsFirstRecordsIsGrowthFromZero() throws Exception {
    String fresh = "chaos.events.dlq.test-" + UUID.randomUUID() + SUFFIX;
    String old = "chaos.events.dlq.old-" + UUID.randomUUID() + SUFFIX;
    String othersuite = "chaos.events.dlq.other-" + UUID.randomUUID();
    long anHourAgo = Instant.now().minusSeconds(3600).toEpochMilli();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(fresh, "k" + i, "poison " + i)).get();
        producer.send(new ProducerRecord<>(old, null, anHourAgo, "k" + i, "old " + i)).get();
        producer.send(new ProducerRecord<>(othersuite, "k" + i, "another suite's " + i)).get();
      }
    }

    List<Signal> signals;
    try {
      signals = lag.collect(Instant.now());
    } finally {
      // The devstack may be a running suite's: its diagnostics must not see this as dlq-growth.
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.deleteTopics(List.of(fresh, old, othersuite)).all().get();
      }
    }

    assertThat(value(signals, fresh, Metric.DLQ_RECORDS)).contains(20.0);
    assertThat(value(signals, fresh, Metric.DLQ_NEW_RECORDS)).contains(20.0);
    assertThat(value(signals, old, Metric.DLQ_RECORDS)).contains(20.0);
    assertThat(value(signals, old, Metric.DLQ_NEW_RECORDS)).contains(0.0);
    assertThat(value(signals, othersuite, Metric.DLQ_RECORDS)).as("another suite's").isEmpty();
  }

  private static Optional<Double> value(List<Signal> signals, String topic, Metric metric) {
    return signals.stream()
        .filter(s -> s.component().equals(topic) && s.metric() == metric)
        .map(Signal::value)
        .findFirst();
  }
}
