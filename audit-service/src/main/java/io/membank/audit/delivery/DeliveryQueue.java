package io.membank.audit.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Queues deliveries inside the caller's transaction; the worker sends them after the commit. */
@ApplicationScoped
public class DeliveryQueue {

  /** Fired when a transaction that queued deliveries commits, so the worker starts at once. */
  public record Enqueued() {}

  @Inject Event<Enqueued> enqueued;

  /** Queues one delivery; it exists only if the surrounding transaction commits. */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeliveryEntity enqueue(
      String channel, String target, String payload, UUID alertId, UUID reportId) {
    DeliveryEntity d = new DeliveryEntity();
    d.id = UUID.randomUUID();
    d.channel = channel;
    d.target = target;
    d.payload = payload;
    d.alertId = alertId;
    d.reportId = reportId;
    d.status = DeliveryEntity.PENDING;
    d.createdAt = OffsetDateTime.now();
    d.nextAttemptAt = d.createdAt;
    d.persist();
    enqueued.fire(new Enqueued());
    return d;
  }
}
