package io.membank.cost.audit;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.http.RequestIds;
import io.membank.http.Traces;
import io.membank.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.logging.MDC;

/** Puts cost-service's own changes (prices, re-pricing, budgets, decisions) on audit.events. */
@ApplicationScoped
public class AuditTrail {

  private static final String SERVICE = "cost-service";

  /** Who did it: a person's credential, or cost-service deciding on its own. */
  public record Actor(String type, String id, List<String> roles) {

    /** cost-service itself (budget decisions). */
    public static final Actor SYSTEM = new Actor("service", SERVICE, List.of());
  }

  private final Outbox outbox;

  AuditTrail(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Records an admin change or a decision, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String tenant,
      Actor actor,
      AuditEvent.Action action,
      String resourceType,
      String resourceId,
      Map<String, Object> details) {
    AuditEvent event =
        new AuditEvent(
            tenant,
            OffsetDateTime.now(ZoneOffset.UTC),
            SERVICE,
            new AuditEvent.Actor(actor.type(), actor.id(), null, actor.roles()),
            action,
            new AuditEvent.Resource(resourceType, resourceId, null),
            AuditEvent.Outcome.SUCCESS,
            null,
            null,
            null,
            Traces.currentTraceId(),
            requestId(),
            details);
    outbox.add(Topics.AUDIT_EVENTS, tenant, EventTypes.AUDIT_RECORDED, resourceId, tenant, event);
  }

  private static String requestId() {
    Object id = MDC.get(RequestIds.KEY);
    return id == null ? null : id.toString();
  }
}
