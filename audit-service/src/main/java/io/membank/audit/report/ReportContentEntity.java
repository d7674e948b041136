package io.membank.audit.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** One format of a report, with the SHA-256 of its bytes. */
@Entity
@Table(name = "report_content")
@IdClass(ReportContentEntity.Key.class)
public class ReportContentEntity extends PanacheEntityBase {

  @Id
  @Column(name = "report_id")
  public UUID reportId;

  @Id public String format;

  @Column(name = "media_type", nullable = false)
  public String mediaType;

  @Column(nullable = false)
  public byte[] content;

  /** Hex SHA-256 of {@link #content}. */
  @Column(nullable = false)
  public String sha256;

  @Column(name = "size_bytes", nullable = false)
  public int sizeBytes;

  /** Primary key: report and format. */
  public static class Key implements Serializable {
    public UUID reportId;
    public String format;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && java.util.Objects.equals(reportId, k.reportId)
          && java.util.Objects.equals(format, k.format);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(reportId, format);
    }
  }
}
