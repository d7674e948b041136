package io.membank.memory.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An event waiting to be relayed to Kafka, written in the same transaction as its state. */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {

  @Id public UUID id;

  /** Logical topic (see {@code Topics}); the relay appends the configured suffix. */
  @Column(nullable = false)
  public String topic;

  @Column(name = "message_key", nullable = false)
  public String messageKey;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  /** The whole CloudEvent, structured mode. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String payload;

  /** W3C trace context of the writing transaction; null when no trace was being recorded. */
  public String traceparent;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "published_at")
  public OffsetDateTime publishedAt;

  public int attempts;

  @Column(name = "last_error")
  public String lastError;
}
