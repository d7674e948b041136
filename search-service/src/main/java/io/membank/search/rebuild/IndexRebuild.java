package io.membank.search.rebuild;

import io.membank.contracts.MemoryEvent;
import io.membank.search.embed.EmbeddingRetry;
import io.membank.search.index.MemoryStore;
import io.membank.search.index.Vector;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds the store from {@code memory.events}: replays the topic from its first record into an
 * empty store beside the live one ({@link MemoryStore#stage()}) (embedding every memory again, so
 * this is also the path after an embedding-model change), then catches up with the records that
 * arrived meanwhile and swaps the new index in, while searches and the live consumer go on.
 * Versions make every event idempotent, so the live consumer re-applying a record the rebuild
 * already has changes nothing.
 */
@ApplicationScoped
public class IndexRebuild {

  private static final Logger LOG = Logger.getLogger(IndexRebuild.class);
  private static final Duration POLL = Duration.ofMillis(500);

  /** Where a rebuild stands. */
  public record Progress(
      String state,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      long eventsTotal,
      long eventsRead,
      long applied,
      long deadLetters,
      String error) {

    static final Progress IDLE = new Progress("idle", null, null, 0, 0, 0, 0, null);

    /** Share done, 0..1. */
    public double progress() {
      return "completed".equals(state)
          ? 1.0
          : eventsTotal == 0 ? 0 : Math.min(1.0, (double) eventsRead / eventsTotal);
    }
  }

  @Inject MemoryStore index;
  @Inject EmbeddingRetry embeddings;
  @Inject MeterRegistry registry;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  /**
   * The service's {@code kafka.*} settings (TLS, SASL such as MSK IAM), as its channels get them.
   */
  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @ConfigProperty(name = "mp.messaging.incoming.memory-events.topic")
  String topic;

  private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.IDLE);

  /** The current or last rebuild. */
  public Progress progress() {
    return progress.get();
  }

  /** Starts a rebuild in the background; false if one is already running. */
  public boolean start() {
    Progress current = progress.get();
    if ("running".equals(current.state())) {
      return false;
    }
    Progress started = new Progress("running", OffsetDateTime.now(), null, 0, 0, 0, 0, null);
    if (!progress.compareAndSet(current, started)) {
      return false;
    }
    Thread.ofPlatform().name("search-index-rebuild").daemon().start(this::run);
    return true;
  }

  private void run() {
    MemoryStore.Staging staging = index.stage();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
      update(p -> with(p, total, 0, 0, 0));
      LOG.infof("search.index.rebuild.started topic=%s events=%d", topic, total);
      replay(consumer, end, staging::apply);
      staging.commit();
      // Under the index lock (no live event applied meanwhile): the records that came in during
      // the replay, then the swap.
      index.swap(
          staging,
          () -> {
            Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
            replay(consumer, now, staging::apply);
          });
      // Once more into the new live store: with a store shared by several replicas (Qdrant),
      // another replica may have written a record to the old one between the catch-up and the
      // swap. Versions make the records this store already holds no-ops.
      replay(consumer, consumer.endOffsets(partitions), index::apply);
      index.commit();
      update(
          p ->
              new Progress(
                  "completed",
                  p.startedAt(),
                  OffsetDateTime.now(),
                  Math.max(p.eventsTotal(), p.eventsRead()),
                  p.eventsRead(),
                  p.applied(),
                  p.deadLetters(),
                  null));
      registry.counter("search_index_rebuilds", "outcome", "completed").increment();
      LOG.infof(
          "search.index.rebuild.completed events=%d applied=%d",
          progress.get().eventsRead(), progress.get().applied());
    } catch (RuntimeException e) {
      staging.discard();
      update(
          p ->
              new Progress(
                  "failed",
                  p.startedAt(),
                  OffsetDateTime.now(),
                  p.eventsTotal(),
                  p.eventsRead(),
                  p.applied(),
                  p.deadLetters(),
                  e.toString()));
      registry.counter("search_index_rebuilds", "outcome", "failed").increment();
      LOG.errorf(e, "search.index.rebuild.failed");
    }
  }

  /** Applies every record up to the given end offsets. */
  private void replay(
      KafkaConsumer<String, String> consumer,
      Map<TopicPartition, Long> end,
      java.util.function.BiFunction<MemoryEvent, Vector, MemoryStore.Outcome> apply) {
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      List<MemoryEvent> events = new ArrayList<>();
      int poison = 0;
      int read = 0;
      for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
        read++;
        try {
          events.add(MemoryEvent.fromRecord(r.value()));
        } catch (IllegalArgumentException e) {
          poison++; // the live consumer dead-lettered it already
        }
      }
      // A model that stays unavailable or answers wrongly fails the rebuild (the live index stays).
      Map<Integer, Vector> vectors = embeddings.forEvents(events, "rebuild");
      int applied = 0;
      for (int i = 0; i < events.size(); i++) {
        if (apply.apply(events.get(i), vectors.get(i)) == MemoryStore.Outcome.APPLIED) {
          applied++;
        }
      }
      int n = read;
      int a = applied;
      int dl = poison;
      update(
          p ->
              new Progress(
                  p.state(),
                  p.startedAt(),
                  null,
                  p.eventsTotal(),
                  p.eventsRead() + n,
                  p.applied() + a,
                  p.deadLetters() + dl,
                  null));
    }
  }

  private static Progress with(Progress p, long total, long read, long applied, long dead) {
    return new Progress(p.state(), p.startedAt(), null, total, read, applied, dead, null);
  }

  private void update(java.util.function.UnaryOperator<Progress> change) {
    progress.updateAndGet(change);
  }

  private KafkaConsumer<String, String> consumer() {
    Properties props = new Properties();
    props.putAll(kafkaConfig);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-service-rebuild");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(props);
  }
}
