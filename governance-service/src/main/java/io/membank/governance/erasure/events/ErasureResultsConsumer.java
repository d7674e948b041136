package io.membank.governance.erasure.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.RetentionApplied;
import io.membank.governance.erasure.service.ErasureService;
import io.membank.governance.retention.service.RetentionEnforcer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Confirmations of the services on {@code governance.results}: erasure confirmations, and
 * memory-service's retention results (passed to the retention enforcer). A record that is not a
 * valid confirmation of a known erasure fails and goes to the dead-letter topic.
 */
@ApplicationScoped
public class ErasureResultsConsumer {

  /** The channel name, as in application.properties. */
  public static final String CHANNEL = "governance-results";

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<CloudEvent<ErasureConfirmed>> EVENT = new TypeReference<>() {};

  private static final TypeReference<CloudEvent<RetentionApplied>> RETENTION =
      new TypeReference<>() {};

  private final ErasureService erasures;
  private final RetentionEnforcer retention;

  public ErasureResultsConsumer(ErasureService erasures, RetentionEnforcer retention) {
    this.erasures = erasures;
    this.retention = retention;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void consume(String record) throws Exception {
    if (EventTypes.GOVERNANCE_RETENTION_APPLIED.equals(
        JSON.readTree(record).path("type").asText())) {
      retention(JSON.readValue(record, RETENTION));
      return;
    }
    CloudEvent<ErasureConfirmed> event = JSON.readValue(record, EVENT);
    ErasureConfirmed c = event.data();
    if (!EventTypes.GOVERNANCE_ERASURE_CONFIRMED.equals(event.type())
        || c == null
        || c.erasureId() == null
        || c.tenantId() == null
        || !c.tenantId().equals(event.tenantid())
        || c.subject() == null
        || c.service() == null
        || c.service().isBlank()
        || c.stores() == null
        || c.stores().isEmpty()) {
      throw new IllegalArgumentException("not an erasure confirmation: " + event.id());
    }
    UUID.fromString(c.erasureId()); // a malformed id is poison too
    erasures.confirmed(c);
  }

  private void retention(CloudEvent<RetentionApplied> event) {
    RetentionApplied a = event.data();
    if (a == null
        || a.runId() == null
        || a.tenantId() == null
        || !a.tenantId().equals(event.tenantid())
        || a.results() == null
        || a.results().stream().anyMatch(r -> r == null || r.rule() == null)) {
      throw new IllegalArgumentException("not a retention result: " + event.id());
    }
    UUID.fromString(a.runId()); // a malformed id is poison too
    retention.applied(a);
  }
}
