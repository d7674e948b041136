package io.membank.testkit;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import java.util.Map;

/**
 * The devstack's Kafka broker plus a random topic suffix ({@code membank.kafka.topic-suffix
 * =.t<random8>}) that services append to their topic names, so test classes never read each other's
 * records. Topics are auto-created and left behind (they are tiny).
 */
public class KafkaResource implements QuarkusTestResourceConfigurableLifecycleManager<WithKafka> {
  @Override
  public Map<String, String> start() {
    String bootstrap = DevStackProcess.ensureStarted().kafkaBootstrap();
    return Map.of(
        "kafka.bootstrap.servers",
        bootstrap,
        "mp.messaging.connector.smallrye-kafka.bootstrap.servers",
        bootstrap,
        "quarkus.kafka.devservices.enabled",
        "false",
        "membank.kafka.topic-suffix",
        ".t" + Names.random8());
  }

  @Override
  public void stop() {
    // Nothing to release: the broker is shared and the topics are unique to this start.
  }
}
