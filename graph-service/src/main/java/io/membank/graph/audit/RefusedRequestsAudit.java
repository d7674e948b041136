package io.membank.graph.audit;

import io.membank.identity.RefusedRequests;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts every refused request to graph-service (a 403 of an authenticated caller) on {@code
 * audit.events}, keyed by tenant, for audit-service's trail and burst rule.
 */
@ApplicationScoped
public class RefusedRequestsAudit {

  @Inject
  @Channel("refused-requests")
  Emitter<String> events;

  void onRefused(@ObservesAsync RefusedRequests.RefusedRequest refused) {
    String tenant = refused.event().tenantId();
    events.send(
        Message.of(refused.asRecord("/membank/graph-service"))
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(tenant).build()));
  }
}
