package io.membank.governance.erasure.service;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.governance.audit.AuditTrail;
import io.membank.governance.erasure.config.ErasureConfig;
import io.membank.governance.erasure.store.ErasureStore;
import io.membank.governance.erasure.store.ErasureStore.Confirmation;
import io.membank.governance.erasure.store.ErasureStore.Erasure;
import io.membank.outbox.Outbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The erasure saga's coordinator. A request is stored and, in the same transaction, put in the
 * outbox for {@code governance.requests}; each participating service erases and confirms on {@code
 * governance.results}; when every one confirmed with nothing left the erasure is completed and an
 * audit record on resource {@code erasure} ({@code details.status=completed}) is written with it.
 * Unfinished erasures are sent again until done, and past their deadline they are {@code
 * incomplete} with the services that have not confirmed as the reason.
 */
@ApplicationScoped
public class ErasureService {

  private static final Logger LOG = Logger.getLogger(ErasureService.class);

  /** Who asked for an erasure (an admin, or the retention enforcer). */
  public record Requester(String tenant, String subject, Set<String> roles) {}

  /** An erasure, whether this call started it, and its confirmations so far. */
  public record View(Erasure erasure, boolean created, List<Confirmation> confirmations) {}

  private final ErasureStore store;
  private final Outbox outbox;
  private final AuditTrail audit;
  private final ErasureConfig config;
  private final Clock clock;

  public ErasureService(
      ErasureStore store, Outbox outbox, AuditTrail audit, ErasureConfig config, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts the erasure of a subject of the requester's tenant, or returns the one already open for
   * it (asking twice is harmless).
   */
  @Transactional
  @WithSpan("ErasureService.start")
  public View start(Requester by, String subject, String reason) {
    Optional<Erasure> open = store.openFor(by.tenant(), subject);
    if (open.isPresent()) {
      return view(open.get(), false);
    }
    Instant now = clock.instant();
    Erasure erasure =
        new Erasure(
            UUID.randomUUID(),
            by.tenant(),
            subject,
            reason,
            "pending",
            null,
            by.subject(),
            now,
            now.plus(config.deadline()),
            1,
            now,
            null);
    if (!store.insert(erasure)) {
      // Another request for the subject committed first: that one is the erasure.
      return view(store.openFor(by.tenant(), subject).orElseThrow(), false);
    }
    publish(erasure, 1);
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        AuditEvent.Action.DELETE,
        new AuditEvent.Resource("erasure", erasure.id().toString(), subject),
        Map.of("status", "requested", "reason", reason));
    return view(erasure, true);
  }

  /** An erasure of the tenant with its confirmations. */
  public Optional<View> find(String tenant, UUID id) {
    return store.find(tenant, id).map(e -> view(e, false));
  }

  /**
   * Records a service's confirmation; completes the erasure when every participant has confirmed
   * with nothing left. A confirmation of an unknown erasure or of another tenant is refused.
   */
  @Transactional
  @WithSpan("ErasureService.confirmed")
  public void confirmed(ErasureConfirmed c) {
    UUID id = UUID.fromString(c.erasureId());
    Erasure erasure =
        store
            .lock(id)
            .filter(e -> e.tenantId().equals(c.tenantId()) && e.subject().equals(c.subject()))
            .orElseThrow(
                () -> new IllegalArgumentException("confirmation of an unknown erasure: " + id));
    Instant now = clock.instant();
    store.confirm(id, c, now);
    if ("completed".equals(erasure.status()) || !missing(id).isEmpty()) {
      return;
    }
    if (store.complete(id, now)) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("status", "completed");
      details.put("reason", erasure.reason());
      details.put("services", config.services());
      audit.record(
          erasure.tenantId(),
          erasure.requestedBy(),
          Set.of(),
          AuditEvent.Action.DELETE,
          new AuditEvent.Resource("erasure", id.toString(), erasure.subject()),
          details);
      LOG.infof("erasure %s of tenant %s completed", id, erasure.tenantId());
    }
  }

  /**
   * Sends the requests of unfinished erasures again (idempotent for the services) and marks those
   * past their deadline {@code incomplete} with the reason; returns how many were sent.
   */
  @Transactional
  @WithSpan("ErasureService.retryDue")
  public int retryDue() {
    Instant now = clock.instant();
    List<Erasure> due = store.due(now.minus(config.retryEvery()), 50);
    for (Erasure e : due) {
      Set<String> missing = missing(e.id());
      if (missing.isEmpty()) {
        continue; // completed by a confirmation racing this tick
      }
      if (now.isAfter(e.deadlineAt())) {
        store.incomplete(
            e.id(), "no clean confirmation by the deadline from: " + String.join(", ", missing));
      }
      publish(e, store.nextAttempt(e.id(), now));
    }
    return due.size();
  }

  /** The participants that have not confirmed the erasure clean yet, in name order. */
  public Set<String> missing(UUID id) {
    Set<String> clean =
        store.confirmations(id).stream()
            .filter(Confirmation::clean)
            .map(Confirmation::service)
            .collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>(config.services());
    missing.removeAll(clean);
    return missing;
  }

  private void publish(Erasure e, int attempt) {
    outbox.add(
        Topics.GOVERNANCE_REQUESTS,
        e.tenantId(),
        EventTypes.GOVERNANCE_ERASURE_REQUESTED,
        e.id().toString(),
        e.tenantId(),
        new ErasureRequested(
            e.id().toString(),
            e.tenantId(),
            e.subject(),
            e.reason(),
            attempt,
            clock.instant().atOffset(ZoneOffset.UTC)));
  }

  private View view(Erasure e, boolean created) {
    return new View(e, created, store.confirmations(e.id()));
  }
}
