package io.membank.audit.webhooks.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's webhook: where to send which events, signed with which secret. */
@Entity
@Table(name = "webhook_subscription")
public class SubscriptionEntity extends PanacheEntityBase {

  /** Receives deliveries. */
  public static final String ACTIVE = "active";

  /** Stopped after repeated failures (or by an admin); its deliveries wait. */
  public static final String DISABLED = "disabled";

  @Id public UUID id;

  /** Order of creation (page cursors); assigned by the database. */
  @Column(insertable = false, updatable = false)
  public Long seq;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(nullable = false)
  public String url;

  /** Wire names of the subscribed {@code EventType}s. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "event_types", nullable = false)
  public String[] eventTypes;

  public String description;

  /** {@code whsec_} and the base64 key; returned to the admin only at creation. */
  @Column(nullable = false)
  public String secret;

  @Column(nullable = false)
  public String status;

  @Column(name = "consecutive_failures")
  public int consecutiveFailures;

  @Column(name = "blocked_until")
  public OffsetDateTime blockedUntil;

  @Column(name = "disabled_reason")
  public String disabledReason;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
