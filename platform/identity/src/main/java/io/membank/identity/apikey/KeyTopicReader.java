package io.membank.identity.apikey;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.ApiKeyRecord;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the compacted {@code identity.keys} topic whole, from the beginning, into the {@link
 * ApiKeyDirectory}, then follows it. Every instance of every service reads every record, so it uses
 * no consumer group (partitions are assigned, offsets never committed) — like a Kafka Streams
 * global table. A record that cannot be read is logged and skipped: it stays on the topic, and the
 * key it describes simply does not verify until governance-service publishes it again.
 */
@ApplicationScoped
public class KeyTopicReader {

  private static final Logger LOG = Logger.getLogger(KeyTopicReader.class);
  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<CloudEvent<ApiKeyRecord>> EVENT = new TypeReference<>() {};
  private static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private final ApiKeyDirectory directory;
  private final ApiKeyConfig config;
  private final Optional<String> bootstrapServers;
  private final Map<String, String> kafkaSettings;
  private final String topic;
  private final String clientId;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean running;
  private volatile boolean caughtUp;
  private Thread thread;

  KeyTopicReader(
      ApiKeyDirectory directory,
      ApiKeyConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix,
      @ConfigProperty(name = "quarkus.application.name") String service,
      Config all) {
    this.directory = directory;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.kafkaSettings = kafkaSettings(all);
    this.topic = Topics.IDENTITY_KEYS + topicSuffix.orElse("");
    this.clientId = service + "-identity-keys";
  }

  void start(@Observes StartupEvent start) {
    if (!config.enabled()) {
      return;
    }
    if (bootstrapServers.isEmpty() || bootstrapServers.get().isBlank()) {
      LOG.warnf("apikey.reader.disabled reason=no kafka.bootstrap.servers: API keys never verify");
      return;
    }
    running = true;
    thread = Thread.ofPlatform().daemon().name("identity-keys-reader").start(this::run);
  }

  void stop(@Observes ShutdownEvent stop) throws InterruptedException {
    running = false;
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      thread.join(Duration.ofSeconds(5));
    }
  }

  /** Whether every record published before this service started has been applied. */
  public boolean caughtUp() {
    return caughtUp;
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
        consumer = c;
        follow(c);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("apikey.reader.retry topic=%s reason=%s", topic, e.toString());
      }
      pause(config.retryInterval());
    }
  }

  private void follow(KafkaConsumer<String, String> c) {
    List<TopicPartition> partitions = partitions(c);
    c.assign(partitions);
    c.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = c.endOffsets(partitions);
    while (running) {
      for (ConsumerRecord<String, String> record : c.poll(config.pollTimeout())) {
        apply(record);
      }
      if (!caughtUp
          && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
        caughtUp = true;
        LOG.infof("apikey.reader.loaded topic=%s keys=%d", topic, directory.size());
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
    Duration wait = config.retryInterval();
    while (running) {
      List<PartitionInfo> infos = c.partitionsFor(topic);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      // Not created yet (governance-service creates it compacted on start): nothing to verify.
      // Ask again, less and less often (a service may run long before any key exists).
      caughtUp = true;
      pause(wait);
      wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
    }
    throw new WakeupException();
  }

  void apply(ConsumerRecord<String, String> record) {
    if (record.key() == null) {
      LOG.errorf("apikey.record.unreadable offset=%d reason=no key", record.offset());
      return;
    }
    if (record.value() == null) {
      directory.apply(record.key(), null);
      return;
    }
    try {
      ApiKeyRecord key = JSON.readValue(record.value(), EVENT).data();
      if (key == null || !record.key().equals(key.keyId()) || key.secrets() == null) {
        throw new IllegalArgumentException("data missing or not of this key");
      }
      directory.apply(record.key(), key);
    } catch (Exception e) {
      LOG.errorf(
          "apikey.record.unreadable key_id=%s offset=%d reason=%s",
          record.key(), record.offset(), e.getMessage());
    }
  }

  /**
   * The service's {@code kafka.*} client settings without the prefix (what SmallRye gives its
   * channels): the security settings (TLS, SASL such as MSK IAM) reach this consumer too.
   */
  static Map<String, String> kafkaSettings(Config all) {
    Map<String, String> settings = new TreeMap<>();
    for (String name : all.getPropertyNames()) {
      if (name.startsWith("kafka.")) {
        all.getOptionalValue(name, String.class)
            .ifPresent(value -> settings.put(name.substring("kafka.".length()), value));
      }
    }
    return settings;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.putAll(kafkaSettings);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.orElseThrow());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Never auto-create it: an auto-created topic is not compacted and would lose keys.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return p;
  }

  private void pause(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
