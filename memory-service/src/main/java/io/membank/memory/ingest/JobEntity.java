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

/** An asynchronous ingestion job: one exchange (or one conversation of a batch) to learn from. */
@Entity
@Table(name = "jobs")
public class JobEntity extends PanacheEntityBase {

  /** Job states, as the API reports them. */
  public static final String QUEUED = "queued";

  public static final String PROCESSING = "processing";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(name = "user_id", nullable = false)
  public String userId;

  @Column(name = "agent_id")
  public String agentId;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "batch_id")
  public UUID batchId;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  /** SHA-256 of what the request asked for, so a reused idempotency key is recognised. */
  @Column(name = "request_hash")
  public String requestHash;

  @Column(nullable = false)
  public String status;

  public double progress;

  public int priority;

  /** What to learn from (see {@link JobInput}). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Object> request;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, Object> result;

  public String error;

  public int attempts;

  @Column(name = "lease_until")
  public OffsetDateTime leaseUntil;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "started_at")
  public OffsetDateTime startedAt;

  @Column(name = "completed_at")
  public OffsetDateTime completedAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
