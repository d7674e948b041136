package io.membank.audit.webhooks.store;

import io.membank.audit.webhooks.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The delivery queue's state changes, each in its own short transaction: claim due deliveries with
 * a lease (several instances share the queue; a crashed attempt is retried once the lease ends),
 * then record each outcome together with the subscription's failure streak.
 */
@ApplicationScoped
public class DeliveryStore {

  /** A claimed delivery with what sending it needs. */
  public record Claimed(
      UUID deliveryId,
      UUID subscriptionId,
      String tenantId,
      String url,
      String secret,
      String eventType,
      String payload) {}

  /** What a failure did to the subscription. */
  public record Failure(int consecutiveFailures, boolean gaveUp, boolean disabledNow) {}

  private final EntityManager em;
  private final WebhooksConfig config;

  DeliveryStore(EntityManager em, WebhooksConfig config) {
    this.em = em;
    this.config = config;
  }

  /**
   * Takes up to {@code batchSize} due deliveries of active, unblocked subscriptions, oldest first,
   * and hides them for the lease.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<Claimed> claim() {
    List<WebhookDeliveryEntity> due =
        em.createNativeQuery(
                "select d.* from webhook_delivery d join webhook_subscription s"
                    + " on s.id = d.subscription_id"
                    + " where d.status = 'pending' and d.next_attempt_at <= now()"
                    + " and s.status = 'active'"
                    + " and (s.blocked_until is null or s.blocked_until <= now())"
                    + " order by d.next_attempt_at, d.seq limit :n for update of d skip locked",
                WebhookDeliveryEntity.class)
            .setParameter("n", config.batchSize())
            .getResultList();
    OffsetDateTime leaseEnd = OffsetDateTime.now().plus(config.lease());
    return due.stream()
        .map(
            d -> {
              d.nextAttemptAt = leaseEnd;
              SubscriptionEntity s = em.find(SubscriptionEntity.class, d.subscriptionId);
              return new Claimed(d.id, s.id, d.tenantId, s.url, s.secret, d.eventType, d.payload);
            })
        .toList();
  }

  /** The receiver took it: delivered, and the subscription's failure streak ends. */
  @Transactional
  public void delivered(UUID deliveryId, int status) {
    WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
    OffsetDateTime now = OffsetDateTime.now();
    d.attempts++;
    d.status = WebhookDeliveryEntity.DELIVERED;
    d.deliveredAt = now;
    d.responseStatus = status;
    d.lastError = null;
    SubscriptionEntity s =
        em.find(SubscriptionEntity.class, d.subscriptionId, LockModeType.PESSIMISTIC_WRITE);
    if (s.consecutiveFailures != 0 || s.blockedUntil != null) {
      s.consecutiveFailures = 0;
      s.blockedUntil = null;
      s.updatedAt = now;
    }
  }

  /**
   * A failed attempt: the subscription waits for the next back-off step (all its deliveries, so a
   * receiver that is down is probed, not flooded), the delivery is retried then or given up once
   * the retry window has passed, and the subscription is disabled after too many failures in a row.
   */
  @Transactional
  public Failure failed(UUID deliveryId, int status, String error) {
    WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
    SubscriptionEntity s =
        em.find(SubscriptionEntity.class, d.subscriptionId, LockModeType.PESSIMISTIC_WRITE);
    OffsetDateTime now = OffsetDateTime.now();
    d.attempts++;
    d.responseStatus = status == 0 ? null : status;
    d.lastError = error;
    s.consecutiveFailures++;
    OffsetDateTime next = now.plus(backoff(s.consecutiveFailures));
    s.blockedUntil = next;
    s.updatedAt = now;
    boolean gaveUp = !now.isBefore(d.createdAt.plus(config.retryFor()));
    if (gaveUp) {
      d.status = WebhookDeliveryEntity.FAILED;
    } else {
      d.nextAttemptAt = next;
    }
    boolean disabledNow =
        SubscriptionEntity.ACTIVE.equals(s.status)
            && s.consecutiveFailures >= config.disableAfterFailures();
    if (disabledNow) {
      s.status = SubscriptionEntity.DISABLED;
      s.disabledReason =
          "disabled after " + s.consecutiveFailures + " consecutive failures; last: " + error;
    }
    return new Failure(s.consecutiveFailures, gaveUp, disabledNow);
  }

  /** Gives back a claimed delivery unattempted: it waits with its subscription. */
  @Transactional
  public void release(UUID deliveryId) {
    WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
    SubscriptionEntity s = em.find(SubscriptionEntity.class, d.subscriptionId);
    d.nextAttemptAt = s.blockedUntil == null ? OffsetDateTime.now() : s.blockedUntil;
  }

  /** initial × 2^(failures−1), at most the configured maximum. */
  Duration backoff(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration delay = config.initialBackoff().multipliedBy(1L << doublings);
    return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
  }
}
