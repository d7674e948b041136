package io.membank.audit.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One message to send (an alert to PagerDuty or Kafka, a report e-mail), with its retries. */
@Entity
@Table(name = "delivery")
public class DeliveryEntity extends PanacheEntityBase {

  /** Waiting for its next attempt. */
  public static final String PENDING = "pending";

  /** Accepted by the receiver. */
  public static final String DELIVERED = "delivered";

  /** Given up: refused for good, or out of attempts. */
  public static final String FAILED = "failed";

  @Id public UUID id;

  /** {@code pagerduty}, {@code kafka} or {@code email}. */
  @Column(nullable = false)
  public String channel;

  /** The topic, or the recipients; null for PagerDuty (the URL is config). */
  public String target;

  /** What to send (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String payload;

  @Column(name = "alert_id")
  public UUID alertId;

  @Column(name = "report_id")
  public UUID reportId;

  @Column(nullable = false)
  public String status;

  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public OffsetDateTime nextAttemptAt;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "delivered_at")
  public OffsetDateTime deliveredAt;
}
