package io.membank.audit.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.audit.delivery.DeliveryChannel;
import io.membank.audit.delivery.DeliveryEntity;
import io.membank.contracts.EventJson;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes alerts (CloudEvents) to {@code audit.alerts}, keyed by tenant (so they keep order). */
@ApplicationScoped
public class KafkaAlertChannel implements DeliveryChannel {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

  @Inject
  @Channel("audit-alerts")
  MutinyEmitter<Record<String, String>> alerts;

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void deliver(DeliveryEntity delivery) throws DeliveryException {
    if (!AlertService.TOPIC.equals(delivery.target)) {
      throw new DeliveryException("no Kafka channel for topic " + delivery.target, true);
    }
    String tenant;
    try {
      tenant = JSON.readTree(delivery.payload).path("tenantid").asText(null);
    } catch (IOException e) {
      throw new DeliveryException("unreadable alert event", true, e);
    }
    try {
      alerts.send(Record.of(tenant, delivery.payload)).await().atMost(SEND_TIMEOUT);
    } catch (RuntimeException e) {
      throw new DeliveryException("Kafka send failed: " + e.getMessage(), false, e);
    }
  }
}
