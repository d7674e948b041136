package io.membank.audit.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A compliance report as data: what every format (JSON, PDF, XLSX) renders.
 *
 * @param summary key figures, in order
 * @param sections tables, in order
 */
public record ReportDocument(
    UUID id,
    String tenant,
    String template,
    String title,
    Instant from,
    Instant to,
    Instant generatedAt,
    String generatedBy,
    long recordCount,
    List<Fact> summary,
    List<Section> sections) {

  /** One key figure. */
  public record Fact(String label, String value) {}

  /** One table. */
  public record Section(
      String title, String description, List<String> columns, List<List<String>> rows) {}
}
