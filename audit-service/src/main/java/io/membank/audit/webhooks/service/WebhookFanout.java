package io.membank.audit.webhooks.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.webhooks.events.WebhookEvent;
import io.membank.audit.webhooks.store.SubscriptionEntity;
import io.membank.audit.webhooks.store.WebhookDeliveryEntity;
import io.membank.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Queues one delivery per active subscription of the event's tenant and type. The pair
 * (subscription, event id) is unique, so an event read twice from the bus is queued once.
 */
@ApplicationScoped
public class WebhookFanout {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final EntityManager em;

  WebhookFanout(EntityManager em) {
    this.em = em;
  }

  /** Queues the event for its subscribers; returns how many deliveries were new. */
  @Transactional
  public int enqueue(WebhookEvent event) {
    @SuppressWarnings("unchecked")
    List<UUID> subscribers =
        em.createNativeQuery(
                "select id from webhook_subscription where tenant_id = :tenant and status = :status"
                    + " and cast(:type as text) = any(event_types)",
                UUID.class)
            .setParameter("tenant", event.tenantId())
            .setParameter("status", SubscriptionEntity.ACTIVE)
            .setParameter("type", event.type().wire())
            .getResultList();
    if (subscribers.isEmpty()) {
      return 0;
    }
    String body = body(event);
    OffsetDateTime now = OffsetDateTime.now();
    int queued = 0;
    for (UUID subscription : subscribers) {
      queued +=
          em.createNativeQuery(
                  "insert into webhook_delivery (id, subscription_id, tenant_id, event_id,"
                      + " event_type, payload, status, attempts, next_attempt_at, created_at)"
                      + " values (:id, :sub, :tenant, :event, :type, :payload, :status, 0, :now,"
                      + " :now) on conflict (subscription_id, event_id) do nothing")
              .setParameter("id", UUID.randomUUID())
              .setParameter("sub", subscription)
              .setParameter("tenant", event.tenantId())
              .setParameter("event", event.id())
              .setParameter("type", event.type().wire())
              .setParameter("payload", body)
              .setParameter("status", WebhookDeliveryEntity.PENDING)
              .setParameter("now", now)
              .executeUpdate();
    }
    return queued;
  }

  /** The body every subscriber gets (Standard Webhooks shape: type, timestamp, data). */
  static String body(WebhookEvent event) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", event.type().wire());
    body.put(
        "timestamp",
        event
            .occurredAt()
            .withOffsetSameInstant(ZoneOffset.UTC)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    body.put("event_id", event.id());
    body.put("tenant_id", event.tenantId());
    body.set("data", event.data());
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
