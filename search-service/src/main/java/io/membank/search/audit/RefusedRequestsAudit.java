package io.membank.search.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.AuditEvent;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.identity.RefusedRequests;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts every refused request to search-service (a 403 of an authenticated caller) on {@code
 * audit.events}, keyed by tenant, for audit-service's trail and burst rule.
 */
@ApplicationScoped
public class RefusedRequestsAudit {

  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject
  @Channel("refused-requests")
  Emitter<String> events;

  void onRefused(@ObservesAsync RefusedRequests.RefusedRequest refused)
      throws JsonProcessingException {
    AuditEvent e = refused.event();
    String json =
        JSON.writeValueAsString(
            CloudEvent.of(
                EventTypes.AUDIT_RECORDED,
                "/membank/search-service",
                e.resource().id(),
                e.tenantId(),
                e));
    events.send(
        Message.of(json)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(e.tenantId()).build()));
  }
}
