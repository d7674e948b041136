package io.membank.audit.webhooks.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One event to send to one subscription, with its attempts: a line of the delivery log. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryEntity extends PanacheEntityBase {

  /** Waiting for its (next) attempt. */
  public static final String PENDING = "pending";

  /** The receiver answered 2xx. */
  public static final String DELIVERED = "delivered";

  /** Given up: retried for the whole retry window without success. */
  public static final String FAILED = "failed";

  /** Also the {@code webhook-id} header: the same on every attempt (the idempotency key). */
  @Id public UUID id;

  @Column(insertable = false, updatable = false)
  public Long seq;

  @Column(name = "subscription_id", nullable = false)
  public UUID subscriptionId;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  /** The exact body sent (and signed). */
  @Column(nullable = false)
  public String payload;

  @Column(nullable = false)
  public String status;

  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public OffsetDateTime nextAttemptAt;

  @Column(name = "response_status")
  public Integer responseStatus;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "delivered_at")
  public OffsetDateTime deliveredAt;
}
