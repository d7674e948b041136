package io.membank.governance.audit;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.identity.RefusedRequests;
import io.membank.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Audit records of this service, written to the outbox with the change they describe. */
@ApplicationScoped
public class AuditTrail {

  private static final String SERVICE = "governance-service";

  private final Outbox outbox;

  public AuditTrail(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Records a successful action of a user on a resource of their tenant. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String tenant,
      String subject,
      Set<String> roles,
      AuditEvent.Action action,
      AuditEvent.Resource resource,
      Map<String, Object> details) {
    emit(
        new AuditEvent(
            tenant,
            OffsetDateTime.now(ZoneOffset.UTC),
            SERVICE,
            new AuditEvent.Actor("user", subject, null, List.copyOf(roles)),
            action,
            resource,
            AuditEvent.Outcome.SUCCESS,
            null,
            null,
            null,
            null,
            null,
            details));
  }

  /** Records a refused request (a 403 seen by platform/identity) in a transaction of its own. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void onRefused(@ObservesAsync RefusedRequests.RefusedRequest refused) {
    emit(refused.event());
  }

  private void emit(AuditEvent event) {
    outbox.add(
        Topics.AUDIT_EVENTS,
        event.tenantId(),
        EventTypes.AUDIT_RECORDED,
        event.resource() == null ? null : event.resource().id(),
        event.tenantId(),
        event);
  }
}
