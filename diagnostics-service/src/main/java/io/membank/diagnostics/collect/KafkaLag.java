package io.membank.diagnostics.collect;

import io.membank.diagnostics.config.DiagnosticsConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumer lag per group and records per dead-letter topic, from the broker itself (admin client):
 * what the consumers' own metrics cannot show when a consumer is stalled or gone.
 */
@ApplicationScoped
public class KafkaLag {

  private static final Logger LOG = Logger.getLogger(KafkaLag.class);
  private static final long TIMEOUT_SECONDS = 5;

  private final Map<String, Object> kafkaConfig;
  private final Duration window;
  private final String topicSuffix;
  private volatile Admin admin;

  /**
   * @param topicSuffix the suite's topic suffix (empty in a deployment): only dead-letter topics
   *     ending with it are this suite's, so that suites sharing a broker (module tests) do not see
   *     each other's poison records as growth
   */
  public KafkaLag(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      DiagnosticsConfig config,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix) {
    this.kafkaConfig = kafkaConfig;
    this.window = config.symptoms().window();
    // Optional: MicroProfile Config reads an empty value (a deployment's) as absent.
    this.topicSuffix = topicSuffix.orElse("");
  }

  /**
   * Lag of every consumer group, and size and new records of every dead-letter topic; empty if
   * Kafka is away.
   */
  public List<Signal> collect(Instant at) {
    List<Signal> out = new ArrayList<>();
    try {
      Admin a = admin();
      for (ConsumerGroupListing group :
          a.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        groupLag(a, group.groupId(), at).ifPresent(out::add);
      }
      out.addAll(deadLetters(a, at));
    } catch (Exception e) {
      // Kafka down shows as readiness DOWN in the services; the collector just carries on.
      LOG.debugf("diagnostics.kafka.unavailable reason=%s", e.toString());
    }
    return out;
  }

  private Optional<Signal> groupLag(Admin a, String group, Instant at) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        a.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    committed.values().removeIf(Objects::isNull);
    if (committed.isEmpty()) {
      return Optional.empty();
    }
    Map<TopicPartition, ListOffsetsResultInfo> ends = latest(a, committed.keySet());
    long max = 0;
    for (var e : committed.entrySet()) {
      ListOffsetsResultInfo end = ends.get(e.getKey());
      if (end != null) {
        max = Math.max(max, end.offset() - e.getValue().offset());
      }
    }
    return Optional.of(new Signal(group, Metric.CONSUMER_LAG, at, max));
  }

  private List<Signal> deadLetters(Admin a, Instant at) throws Exception {
    List<String> topics =
        a.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
            .filter(t -> t.contains(".dlq.") && t.endsWith(topicSuffix))
            .sorted()
            .toList();
    if (topics.isEmpty()) {
      return List.of();
    }
    Map<String, TopicDescription> described =
        a.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<TopicPartition> partitions = new ArrayList<>();
    described.forEach(
        (t, d) ->
            d.partitions().forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
    Map<TopicPartition, ListOffsetsResultInfo> ends = latest(a, partitions);
    Map<TopicPartition, ListOffsetsResultInfo> starts =
        offsets(a, partitions, OffsetSpec.earliest());
    // The first record written at or after the window's start (-1: none), by broker timestamps:
    // what arrived within the window whether or not the topic existed, or diagnostics ran, before.
    Map<TopicPartition, ListOffsetsResultInfo> recent =
        offsets(a, partitions, OffsetSpec.forTimestamp(at.minus(window).toEpochMilli()));
    Map<String, Long> records = new HashMap<>();
    Map<String, Long> arrived = new HashMap<>();
    for (TopicPartition tp : partitions) {
      long end = ends.get(tp).offset();
      long start = starts.get(tp).offset();
      records.merge(tp.topic(), end - start, Long::sum);
      ListOffsetsResultInfo first = recent.get(tp);
      long from = first == null || first.offset() < 0 ? end : Math.max(first.offset(), start);
      arrived.merge(tp.topic(), end - from, Long::sum);
    }
    List<Signal> out = new ArrayList<>();
    records.forEach((t, n) -> out.add(new Signal(t, Metric.DLQ_RECORDS, at, n)));
    arrived.forEach((t, n) -> out.add(new Signal(t, Metric.DLQ_NEW_RECORDS, at, n)));
    return out;
  }

  private static Map<TopicPartition, ListOffsetsResultInfo> latest(
      Admin a, Collection<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
    partitions.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
    return a.listOffsets(spec).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static Map<TopicPartition, ListOffsetsResultInfo> offsets(
      Admin a, Collection<TopicPartition> partitions, OffsetSpec which) throws Exception {
    Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
    partitions.forEach(tp -> spec.put(tp, which));
    return a.listOffsets(spec).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private Admin admin() {
    Admin a = admin;
    if (a == null) {
      synchronized (this) {
        if (admin == null) {
          // Every kafka.* setting (TLS, SASL such as MSK IAM), then this client's own bounds.
          Map<String, Object> props = new HashMap<>(kafkaConfig);
          props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
          props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
          props.put(AdminClientConfig.CLIENT_ID_CONFIG, "diagnostics-lag");
          admin = Admin.create(props);
        }
        a = admin;
      }
    }
    return a;
  }

  @PreDestroy
  void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
