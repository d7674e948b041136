package io.membank.memory.audit;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.http.RequestIds;
import io.membank.http.Traces;
import io.membank.identity.Caller;
import io.membank.identity.RefusedRequests;
import io.membank.outbox.Outbox;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jboss.logging.MDC;

/** Emits an {@code audit.events} record (through the outbox) for each read, write and delete. */
@ApplicationScoped
public class AuditTrail {

  private static final String SERVICE = "memory-service";

  private final Outbox outbox;
  private final Caller caller;
  private final HttpServerRequest request;

  AuditTrail(Outbox outbox, Caller caller, HttpServerRequest request) {
    this.outbox = outbox;
    this.caller = caller;
    this.request = request;
  }

  /** Records an action of the current HTTP caller, in the caller's transaction. */
  @Transactional(Transactional.TxType.REQUIRED)
  public void record(
      AuditEvent.Action action,
      String resourceType,
      String resourceId,
      String ownerId,
      AuditEvent.Outcome outcome,
      Map<String, Object> details) {
    String tenant = caller.tenant();
    AuditEvent event =
        new AuditEvent(
            tenant,
            OffsetDateTime.now(),
            SERVICE,
            new AuditEvent.Actor("user", caller.subject(), null, List.copyOf(caller.roles())),
            action,
            new AuditEvent.Resource(resourceType, resourceId, ownerId),
            outcome,
            request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
            request.getHeader("User-Agent"),
            null,
            Traces.currentTraceId(),
            requestId(),
            details);
    emit(event);
  }

  /**
   * Records an action of the service itself (the ingestion worker), in the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordSystem(
      String tenant,
      AuditEvent.Action action,
      String resourceType,
      String resourceId,
      String ownerId,
      Map<String, Object> details) {
    AuditEvent event =
        new AuditEvent(
            tenant,
            OffsetDateTime.now(),
            SERVICE,
            new AuditEvent.Actor("service", "memory-service/ingestion", null, List.of()),
            action,
            new AuditEvent.Resource(resourceType, resourceId, ownerId),
            AuditEvent.Outcome.SUCCESS,
            null,
            null,
            null,
            Traces.currentTraceId(),
            null,
            details);
    emit(event);
  }

  /**
   * Records a refused request (a 403 of an authenticated caller, seen by platform/identity's
   * RefusedRequests) in a transaction of its own, off the I/O thread.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void onRefused(@ObservesAsync RefusedRequests.RefusedRequest refused) {
    emit(refused.event());
  }

  /** Adds the record to the outbox, keyed by tenant, in the current transaction. */
  private void emit(AuditEvent event) {
    outbox.add(
        Topics.AUDIT_EVENTS,
        event.tenantId(),
        EventTypes.AUDIT_RECORDED,
        event.resource().id(),
        event.tenantId(),
        event);
  }

  private static String requestId() {
    Object id = MDC.get(RequestIds.KEY);
    return id == null ? null : id.toString();
  }
}
