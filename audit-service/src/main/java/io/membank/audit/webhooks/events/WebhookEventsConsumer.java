package io.membank.audit.webhooks.events;

import io.membank.audit.webhooks.service.WebhookFanout;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns bus events into queued webhook deliveries, in a consumer group of its own (the audit
 * trail's intake is not slowed or blocked by it). A record that is no valid event fails and goes to
 * the channel's dead-letter topic ({@code failure-strategy=dead-letter-queue}); so does one the
 * database keeps refusing after the retries below, so nothing is dropped silently.
 */
@ApplicationScoped
public class WebhookEventsConsumer {

  /** Memory changes ({@code memory.events}). */
  public static final String MEMORY_CHANNEL = "webhook-memory-events";

  /** Job outcomes and erasures ({@code audit.events}). */
  public static final String AUDIT_CHANNEL = "webhook-audit-events";

  private static final Logger LOG = Logger.getLogger(WebhookEventsConsumer.class);
  private static final int ATTEMPTS = 5;
  private static final long FIRST_PAUSE_MS = 200;

  private final WebhookFanout fanout;

  WebhookEventsConsumer(WebhookFanout fanout) {
    this.fanout = fanout;
  }

  @Incoming(MEMORY_CHANNEL)
  @Blocking(ordered = false)
  public void onMemoryEvent(String payload) throws InterruptedException {
    enqueue(WebhookEventMapper.fromMemoryRecord(payload));
  }

  @Incoming(AUDIT_CHANNEL)
  @Blocking(ordered = false)
  public void onAuditEvent(String payload) throws InterruptedException {
    var event = WebhookEventMapper.fromAuditRecord(payload);
    if (event.isPresent()) {
      enqueue(event.get());
    }
  }

  private void enqueue(WebhookEvent event) throws InterruptedException {
    long pause = FIRST_PAUSE_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        int queued = fanout.enqueue(event);
        if (queued > 0) {
          LOG.debugf(
              "webhooks.queued event_id=%s type=%s tenant=%s deliveries=%d",
              event.id(), event.type().wire(), event.tenantId(), queued);
        }
        return;
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        LOG.warnf(
            "webhooks.queue.retry event_id=%s attempt=%d reason=%s",
            event.id(), attempt, e.getMessage());
        Thread.sleep(pause);
        pause *= 2;
      }
    }
  }
}
