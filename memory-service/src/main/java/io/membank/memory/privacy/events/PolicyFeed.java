package io.membank.memory.privacy.events;

import io.membank.contracts.PolicySnapshot;
import io.membank.contracts.Topics;
import io.membank.memory.ingest.TenantDefaultExpiry;
import io.membank.memory.privacy.config.PrivacyConfig;
import io.membank.memory.privacy.service.PolicyBook;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps {@link PolicyBook} current from the compacted {@code governance.policies} topic, on a
 * thread of its own.
 *
 * <p>A plain {@link KafkaConsumer} with {@code assign} + {@code seekToBeginning}, not a SmallRye
 * channel: every instance must read the whole topic at every start (a consumer group would resume
 * from committed offsets and share partitions between instances), and "caught up" needs the end
 * offsets seen at start-up and the consumer's position, which only the client itself exposes. No
 * offsets are committed. It never creates the topic (governance-service creates it compacted); a
 * missing topic means no policy was ever published, so the built-in default applies.
 */
@ApplicationScoped
public class PolicyFeed {

  private static final Logger LOG = Logger.getLogger(PolicyFeed.class);

  /** Records of the policy topic that could not be read (their tenant's jobs wait). */
  public static final String UNREADABLE_METRIC = "membank_privacy_policy_records_unreadable_total";

  private final Map<String, Object> kafkaConfig;
  private final String topic;
  private final PolicyBook book;
  private final TenantDefaultExpiry defaultExpiry;
  private final PrivacyConfig.Feed config;
  private final MeterRegistry registry;
  private volatile boolean running;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread thread;

  PolicyFeed(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix,
      PolicyBook book,
      TenantDefaultExpiry defaultExpiry,
      PrivacyConfig config,
      MeterRegistry registry) {
    this.kafkaConfig = kafkaConfig;
    this.topic = Topics.GOVERNANCE_POLICIES + topicSuffix.orElse("");
    this.book = book;
    this.defaultExpiry = defaultExpiry;
    this.config = config.feed();
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent start) {
    running = true;
    thread = Thread.ofPlatform().daemon().name("privacy-policy-feed").start(this::run);
  }

  void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
    running = false;
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      thread.join(config.brokerTimeout().toMillis());
    }
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig())) {
        consumer = c;
        follow(c);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        // Broker unreachable or a call timed out: the book keeps what it has (known tenants keep
        // flowing) and stops being confirmed current, so unknown tenants wait.
        LOG.warnf("privacy.policy_feed.retrying topic=%s cause=%s", topic, e.toString());
        pause(config.retryBackoff());
      }
    }
  }

  /** Reads the topic from the beginning, then follows it, confirming the book current each time. */
  private void follow(KafkaConsumer<String, String> c) {
    List<TopicPartition> partitions = partitions(c);
    Instant started = Instant.now();
    while (partitions.isEmpty()) {
      book.confirmCurrent(); // nothing was ever published: the built-in default applies
      pause(config.confirmEvery());
      if (!running) {
        return;
      }
      partitions = partitions(c);
    }
    c.assign(partitions);
    c.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = c.endOffsets(partitions, config.brokerTimeout());
    boolean loaded = false;
    Instant lastConfirm = Instant.EPOCH;
    while (running) {
      for (ConsumerRecord<String, String> record : c.poll(config.pollTimeout())) {
        apply(record);
      }
      boolean fresh = false;
      if (Duration.between(lastConfirm, Instant.now()).compareTo(config.confirmEvery()) >= 0) {
        end = c.endOffsets(partitions, config.brokerTimeout());
        lastConfirm = Instant.now();
        fresh = true;
      }
      // Confirmed current only against end offsets the broker just gave: a poll that returns
      // nothing because the broker is gone must not count.
      if (readAll(c, end) && (fresh || !loaded)) {
        book.confirmCurrent();
        if (!loaded) {
          loaded = true;
          LOG.infof(
              "privacy.policies.loaded topic=%s tenants=%d ms=%d",
              topic, book.tenantCount(), Duration.between(started, Instant.now()).toMillis());
        }
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
    List<PartitionInfo> infos = c.partitionsFor(topic, config.brokerTimeout());
    return infos == null
        ? List.of()
        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private static boolean readAll(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** One record: a policy, a tombstone, or something unreadable (its tenant then waits). */
  void apply(ConsumerRecord<String, String> record) {
    String tenant = record.key();
    if (tenant == null || tenant.isBlank()) {
      registry.counter(UNREADABLE_METRIC).increment();
      LOG.errorf(
          "privacy.policy.unreadable offset=%d cause=record without a tenant key", record.offset());
      return;
    }
    if (record.value() == null) {
      book.remove(tenant);
      defaultExpiry.remove(tenant);
      LOG.infof("privacy.policy.removed tenant=%s", tenant);
      return;
    }
    try {
      PolicySnapshot snapshot = PolicyRecords.snapshot(tenant, record.value());
      var policy = PolicyRecords.policy(tenant, snapshot);
      book.put(policy);
      defaultExpiry.put(tenant, snapshot.memoryDefaultTtlDuration());
      LOG.infof("privacy.policy.applied tenant=%s version=%d", tenant, policy.version());
    } catch (IllegalArgumentException e) {
      book.markUnreadable(tenant);
      registry.counter(UNREADABLE_METRIC).increment();
      LOG.errorf(
          "privacy.policy.unreadable tenant=%s offset=%d cause=%s",
          tenant, record.offset(), e.getMessage());
    }
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> props = new HashMap<>(kafkaConfig);
    props.keySet().removeIf(k -> !ConsumerConfig.configNames().contains(k));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "memory-service-policies-" + UUID.randomUUID());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
