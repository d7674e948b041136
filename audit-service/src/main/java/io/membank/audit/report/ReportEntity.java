package io.membank.audit.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A generated compliance report (append-only; its contents are in {@code report_content}). */
@Entity
@Table(name = "report")
public class ReportEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(nullable = false)
  public String template;

  @Column(nullable = false)
  public String title;

  @Column(name = "period_from", nullable = false)
  public OffsetDateTime periodFrom;

  @Column(name = "period_to", nullable = false)
  public OffsetDateTime periodTo;

  /** {@code on_demand} or {@code scheduled}. */
  @Column(nullable = false)
  public String trigger;

  /** Name of the schedule that made it, or null. */
  public String schedule;

  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "record_count", nullable = false)
  public long recordCount;

  /** Comma-separated e-mail addresses (empty: none). */
  @Column(nullable = false)
  public String recipients;
}
