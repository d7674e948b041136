package io.membank.memory.store;

import io.membank.contracts.MemoryType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One memory (a durable fact about a user) in its current version. */
@Entity
@Table(name = "memories")
public class MemoryEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(name = "user_id", nullable = false)
  public String userId;

  @Column(name = "agent_id")
  public String agentId;

  @Column(name = "session_id")
  public String sessionId;

  @Column(nullable = false)
  public String content;

  /** Lower-cased, punctuation-free content: what duplicate detection compares. */
  @Column(name = "normalized_content", nullable = false)
  public String normalizedContent;

  /** What the fact is about (e.g. {@code lives_in}); two open memories never share a slot. */
  public String slot;

  /** The value this memory gives its slot (e.g. {@code paris}). */
  @Column(name = "slot_value")
  public String slotValue;

  @Column(nullable = false)
  @Convert(converter = MemoryTypeColumn.class)
  public MemoryType type;

  public double importance;

  @JdbcTypeCode(SqlTypes.JSON)
  public List<String> entities;

  /** The client's metadata, kept and returned exactly as given. */
  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, Object> metadata;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, Object> provenance;

  public int version;

  @Column(name = "valid_from", nullable = false)
  public OffsetDateTime validFrom;

  @Column(name = "valid_to")
  public OffsetDateTime validTo;

  /** When what the memory tells happened (the conversation's event time), if the client said. */
  @Column(name = "occurred_at")
  public OffsetDateTime occurredAt;

  /** When the memory stops being returned; null for never. */
  @Column(name = "expires_at")
  public OffsetDateTime expiresAt;

  /** The text of the message(s) it was extracted from, or null when unknown. */
  @Column(name = "source_text")
  public String sourceText;

  @Column(name = "deleted_at")
  public OffsetDateTime deletedAt;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  /** Whether the memory is current: neither deleted nor closed by a contradiction. */
  public boolean isValid() {
    return deletedAt == null && validTo == null;
  }
}
