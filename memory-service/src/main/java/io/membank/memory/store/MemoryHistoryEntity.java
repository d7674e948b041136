package io.membank.memory.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of a memory: what it said, what it said before, and why it changed. */
@Entity
@Table(name = "memory_history")
public class MemoryHistoryEntity extends PanacheEntityBase {

  /** Why a version exists. */
  public enum Reason {
    extracted,
    merged,
    contradicted,
    edited,
    deleted
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "memory_id", nullable = false)
  public UUID memoryId;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  public int version;

  @Column(nullable = false)
  public String reason;

  @Column(name = "previous_content")
  public String previousContent;

  @Column(nullable = false)
  public String content;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, Object> metadata;

  @Column(name = "job_id")
  public UUID jobId;

  @Column(nullable = false)
  public String actor;

  @Column(name = "changed_at", nullable = false)
  public OffsetDateTime changedAt;
}
