package io.membank.audit.webhooks.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.audit.webhooks.config.WebhooksConfig;
import io.membank.audit.webhooks.store.DeliveryStore;
import io.membank.audit.webhooks.store.DeliveryStore.Claimed;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends due webhook deliveries: claims a batch, sends each outside any transaction, records the
 * outcome. After a failure the rest of that subscription's batch is given back unattempted (it
 * waits for the subscription's next back-off step). A subscription disabled for repeated failure is
 * recorded in its tenant's audit trail.
 */
@ApplicationScoped
public class WebhookDispatcher {

  /** Counter of attempts, tagged {@code outcome=delivered|failed}. */
  public static final String ATTEMPTS_METRIC = "webhook_delivery_attempts";

  /** Counter of subscriptions disabled for repeated failure. */
  public static final String DISABLED_METRIC = "webhook_subscriptions_disabled";

  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

  private final DeliveryStore store;
  private final WebhookSender sender;
  private final AuditLog auditLog;
  private final MeterRegistry registry;
  private final WebhooksConfig config;

  WebhookDispatcher(
      DeliveryStore store,
      WebhookSender sender,
      AuditLog auditLog,
      MeterRegistry registry,
      WebhooksConfig config) {
    this.store = store;
    this.sender = sender;
    this.auditLog = auditLog;
    this.registry = registry;
    this.config = config;
  }

  /** Takes full batches back to back, then waits for the next tick. */
  @Scheduled(
      every = "${membank.webhooks.poll-every:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    while (round() >= config.batchSize()) {
      // a full batch: more may be due
    }
  }

  /** Claims and sends one batch; returns how many were claimed. */
  int round() {
    List<Claimed> claimed = store.claim();
    Set<UUID> failing = new HashSet<>();
    for (Claimed c : claimed) {
      if (failing.contains(c.subscriptionId())) {
        store.release(c.deliveryId());
        continue;
      }
      WebhookSender.Attempt attempt =
          sender.send(c.url(), c.secret(), c.deliveryId().toString(), c.payload());
      if (attempt.delivered()) {
        store.delivered(c.deliveryId(), attempt.status());
        registry.counter(ATTEMPTS_METRIC, "outcome", "delivered").increment();
        LOG.debugf(
            "webhooks.delivered delivery_id=%s subscription_id=%s type=%s",
            c.deliveryId(), c.subscriptionId(), c.eventType());
      } else {
        failing.add(c.subscriptionId());
        registry.counter(ATTEMPTS_METRIC, "outcome", "failed").increment();
        DeliveryStore.Failure failure =
            store.failed(c.deliveryId(), attempt.status(), attempt.error());
        LOG.warnf(
            "webhooks.failed delivery_id=%s subscription_id=%s failures=%d gave_up=%s error=%s",
            c.deliveryId(),
            c.subscriptionId(),
            failure.consecutiveFailures(),
            failure.gaveUp(),
            attempt.error());
        if (failure.disabledNow()) {
          announceDisabled(c, failure, attempt.error());
        }
      }
    }
    return claimed.size();
  }

  /** The event of a disabled subscription: an entry in the tenant's audit trail, and a metric. */
  private void announceDisabled(Claimed c, DeliveryStore.Failure failure, String error) {
    registry.counter(DISABLED_METRIC).increment();
    LOG.errorf(
        "webhooks.subscription.disabled subscription_id=%s tenant=%s failures=%d",
        c.subscriptionId(), c.tenantId(), failure.consecutiveFailures());
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("status", "disabled");
    details.put("consecutive_failures", failure.consecutiveFailures());
    details.put("last_error", error);
    auditLog.append(
        AuditEntry.own(
            c.tenantId(),
            UUID.randomUUID().toString(),
            new AuditEntry.Actor("service", "audit-service/webhooks", null, List.of()),
            "modify",
            new AuditEntry.Resource("webhook_subscription", c.subscriptionId().toString(), null),
            "failure",
            details,
            null,
            null,
            null,
            null));
  }
}
