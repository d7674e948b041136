package io.membank.audit.webhooks.service;

import io.membank.audit.webhooks.config.WebhooksConfig;
import io.membank.audit.webhooks.events.EventType;
import io.membank.audit.webhooks.store.SubscriptionEntity;
import io.membank.audit.webhooks.store.WebhookDeliveryEntity;
import io.membank.http.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's webhook subscriptions and their delivery logs. */
@ApplicationScoped
public class WebhookService {

  /** A new subscription with its secret (the only time the secret leaves the service). */
  public record Created(SubscriptionEntity subscription, String secret) {}

  private final WebhooksConfig config;
  private final TargetGuard guard;

  WebhookService(WebhooksConfig config, TargetGuard guard) {
    this.config = config;
    this.guard = guard;
  }

  /** Subscribes {@code url} to the event types; the URL must pass the target check. */
  @Transactional
  public Created create(
      String tenant, String createdBy, String url, List<EventType> types, String description) {
    try {
      guard.check(url);
    } catch (TargetGuard.RefusedTarget e) {
      throw ProblemException.badRequest("invalid-webhook-url", "url: " + e.getMessage());
    }
    if (SubscriptionEntity.count("tenantId", tenant) >= config.maxSubscriptionsPerTenant()) {
      throw ProblemException.conflict(
          "too-many-webhooks",
          "this tenant already has "
              + config.maxSubscriptionsPerTenant()
              + " webhooks (the limit); delete one first");
    }
    SubscriptionEntity s = new SubscriptionEntity();
    s.id = UUID.randomUUID();
    s.tenantId = tenant;
    s.url = url;
    s.eventTypes = types.stream().map(EventType::wire).distinct().sorted().toArray(String[]::new);
    s.description = description;
    s.secret = WebhookSignature.newSecret();
    s.status = SubscriptionEntity.ACTIVE;
    s.createdBy = createdBy;
    s.createdAt = OffsetDateTime.now();
    s.updatedAt = s.createdAt;
    s.persistAndFlush();
    return new Created(s, s.secret);
  }

  /** A page of the tenant's subscriptions, oldest first, after the sequence number. */
  public List<SubscriptionEntity> list(String tenant, long afterSeq, int limit) {
    return SubscriptionEntity.find("tenantId = ?1 and seq > ?2", Sort.by("seq"), tenant, afterSeq)
        .page(0, limit)
        .list();
  }

  /** The tenant's subscription, if it exists. */
  public Optional<SubscriptionEntity> find(String tenant, UUID id) {
    return SubscriptionEntity.<SubscriptionEntity>findByIdOptional(id)
        .filter(s -> s.tenantId.equals(tenant));
  }

  /** Deletes the subscription and its delivery log; false if the tenant has no such one. */
  @Transactional
  public boolean delete(String tenant, UUID id) {
    return SubscriptionEntity.delete("id = ?1 and tenantId = ?2", id, tenant) > 0;
  }

  /** Turns a disabled subscription back on; its waiting deliveries are sent again. */
  @Transactional
  public Optional<SubscriptionEntity> enable(String tenant, UUID id) {
    Optional<SubscriptionEntity> found = find(tenant, id);
    found.ifPresent(
        s -> {
          s.status = SubscriptionEntity.ACTIVE;
          s.consecutiveFailures = 0;
          s.blockedUntil = null;
          s.disabledReason = null;
          s.updatedAt = OffsetDateTime.now();
        });
    return found;
  }

  /** A page of the subscription's delivery log, newest first, below the sequence number. */
  public List<WebhookDeliveryEntity> deliveries(
      UUID subscriptionId, Optional<String> status, long beforeSeq, int limit) {
    String query =
        "subscriptionId = ?1 and seq < ?2" + (status.isPresent() ? " and status = ?3" : "");
    Object[] args =
        status.isPresent()
            ? new Object[] {subscriptionId, beforeSeq, status.get()}
            : new Object[] {subscriptionId, beforeSeq};
    return WebhookDeliveryEntity.find(query, Sort.descending("seq"), args).page(0, limit).list();
  }
}
