package io.membank.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The {@code membank.outbox.*} settings of a service that publishes through the outbox. */
@ConfigMapping(prefix = "membank.outbox")
public interface OutboxConfig {

  /** The CloudEvents {@code source} of everything the service emits. */
  @WithDefault("/membank/${quarkus.application.name}")
  String source();

  /** Records published per relay transaction (a full batch is followed at once by the next). */
  @WithDefault("200")
  int batchSize();

  /** How long the relay waits for the broker's acknowledgement of one record. */
  @WithDefault("5s")
  Duration sendTimeout();

  /** Kafka client id of the relay's producer. */
  @WithDefault("${quarkus.application.name}-outbox")
  String clientId();

  /** Appended to every topic name (tests isolate their topics with it). */
  @WithDefault("${membank.kafka.topic-suffix:}")
  Optional<String> topicSuffix();
}
