package io.membank.audit.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An alert raised for a risky record (its deliveries are in {@code delivery}). */
@Entity
@Table(name = "alert")
public class AlertEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  /** Same key within the dedup window: one alert (and one PagerDuty incident). */
  @Column(name = "dedup_key", nullable = false)
  public String dedupKey;

  /** PagerDuty severity: critical, error, warning or info. */
  @Column(nullable = false)
  public String severity;

  @Column(nullable = false)
  public String risk;

  @Column(nullable = false)
  public String summary;

  @Column(name = "record_seq", nullable = false)
  public long recordSeq;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  /** Comma-separated rule codes. */
  @Column(nullable = false)
  public String reasons;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
