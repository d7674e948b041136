package io.membank.audit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.ChainHash;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The formats a report is stored and downloaded in. */
public enum ReportFormat {
  JSON("application/json", "json"),
  PDF("application/pdf", "pdf"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  private final String mediaType;
  private final String extension;

  ReportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The lower-case name used in URLs, file names and the database. */
  public String wire() {
    return extension;
  }

  /** The format of a wire name; unknown names are an {@link IllegalArgumentException}. */
  public static ReportFormat of(String wire) {
    return valueOf(wire.trim().toUpperCase(Locale.ROOT));
  }

  /** Renders the document in this format. */
  public byte[] render(ReportDocument doc) {
    return switch (this) {
      case JSON -> json(doc);
      case PDF -> PdfReport.render(doc);
      case XLSX -> XlsxReport.render(doc);
    };
  }

  private static byte[] json(ReportDocument doc) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("report_id", doc.id().toString());
    root.put("tenant_id", doc.tenant());
    root.put("template", doc.template());
    root.put("title", doc.title());
    root.putObject("period").put("from", doc.from().toString()).put("to", doc.to().toString());
    root.put("generated_at", doc.generatedAt().toString());
    root.put("generated_by", doc.generatedBy());
    root.put("record_count", doc.recordCount());
    ArrayNode summary = root.putArray("summary");
    doc.summary()
        .forEach(fact -> summary.addObject().put("label", fact.label()).put("value", fact.value()));
    ArrayNode sections = root.putArray("sections");
    for (ReportDocument.Section s : doc.sections()) {
      ObjectNode section = sections.addObject();
      section.put("title", s.title());
      section.put("description", s.description());
      ArrayNode columns = section.putArray("columns");
      s.columns().forEach(columns::add);
      ArrayNode rows = section.putArray("rows");
      for (var row : s.rows()) {
        ArrayNode cells = rows.addArray();
        row.forEach(cells::add);
      }
    }
    return ChainHash.canonical(root).getBytes(StandardCharsets.UTF_8);
  }
}
