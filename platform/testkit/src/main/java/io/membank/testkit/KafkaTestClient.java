package io.membank.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads and writes the topics of the service under test (a {@code @QuarkusTest} with {@link
 * KafkaResource}): logical topic names get the test's suffix, as the service's own do.
 */
public final class KafkaTestClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaTestClient() {}

  /** The real name of a logical topic in this test ({@code memory.events} + suffix). */
  public static String topic(String logical) {
    return logical
        + ConfigProvider.getConfig()
            .getOptionalValue("membank.kafka.topic-suffix", String.class)
            .orElse("");
  }

  /** Sends one record to the logical topic and waits for the broker's acknowledgement. */
  public static void send(String logicalTopic, String key, String value) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic(logicalTopic), key, value)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("send to " + logicalTopic + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the logical topic from the beginning until a JSON record matches, for at most 30 s; fails
   * listing what it saw.
   */
  public static JsonNode awaitRecord(String logicalTopic, Predicate<JsonNode> match) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    String topic = topic(logicalTopic);
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      List<String> seen = new ArrayList<>();
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          seen.add(record.value());
          JsonNode node = parse(record.value());
          if (node != null && match.test(node)) {
            return node;
          }
        }
      }
      throw new AssertionError("no matching record on " + topic + "; saw " + seen);
    }
  }

  private static JsonNode parse(String value) {
    try {
      return JSON.readTree(value);
    } catch (java.io.IOException e) {
      return null; // not JSON: cannot match
    }
  }

  private static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }
}
