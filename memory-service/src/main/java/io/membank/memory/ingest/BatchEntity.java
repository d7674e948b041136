package io.membank.memory.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A batch import: many conversations, one job each. */
@Entity
@Table(name = "batches")
public class BatchEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(name = "user_id", nullable = false)
  public String userId;

  @Column(name = "job_count", nullable = false)
  public int jobCount;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Object> options;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;
}
