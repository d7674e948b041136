package io.membank.identity;

import io.membank.http.FaultSwitches;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The stalled-consumer fault of {@link FaultSwitches} (test-only, off unless the switches are on):
 * pauses the Kafka consumers of an incoming channel, so its group's lag grows while the service
 * stays up and healthy. Lives here because this module is the platform one with the Kafka connector
 * every service uses.
 */
@ApplicationScoped
public class KafkaConsumerStall implements FaultSwitches.ConsumerStall {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final KafkaClientService clients;

  KafkaConsumerStall(KafkaClientService clients) {
    this.clients = clients;
  }

  @Override
  public boolean pause(String channel) {
    if (!clients.getConsumerChannels().contains(channel)) {
      return false;
    }
    List<KafkaConsumer<Object, Object>> consumers = clients.getConsumers(channel);
    consumers.forEach(c -> c.pause().await().atMost(WAIT));
    return !consumers.isEmpty();
  }

  @Override
  public void resume(String channel) {
    if (clients.getConsumerChannels().contains(channel)) {
      clients.getConsumers(channel).forEach(c -> c.resume().await().atMost(WAIT));
    }
  }
}
