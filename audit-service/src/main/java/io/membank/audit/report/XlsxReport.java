package io.membank.audit.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Renders a report as an Excel workbook: a Summary sheet, then one sheet per section. */
final class XlsxReport {

  private XlsxReport() {}

  static byte[] render(ReportDocument doc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "MemBank audit-service", "1.0");
      Worksheet summary = workbook.newWorksheet("Summary");
      int r = 0;
      bold(summary, r, 0, doc.title());
      summary.value(++r, 0, "Tenant");
      summary.value(r, 1, doc.tenant());
      summary.value(++r, 0, "Period from");
      summary.value(r, 1, doc.from().toString());
      summary.value(++r, 0, "Period to");
      summary.value(r, 1, doc.to().toString());
      summary.value(++r, 0, "Generated at");
      summary.value(r, 1, doc.generatedAt().toString());
      summary.value(++r, 0, "Report id");
      summary.value(r, 1, doc.id().toString());
      r++;
      for (ReportDocument.Fact fact : doc.summary()) {
        summary.value(++r, 0, fact.label());
        number(summary, r, 1, fact.value());
      }
      summary.width(0, 40);
      summary.width(1, 40);
      Set<String> names = new HashSet<>(Set.of("Summary"));
      for (ReportDocument.Section section : doc.sections()) {
        Worksheet sheet = workbook.newWorksheet(sheetName(section.title(), names));
        List<String> columns = section.columns();
        for (int c = 0; c < columns.size(); c++) {
          bold(sheet, 0, c, columns.get(c));
          sheet.width(c, 22);
        }
        int row = 0;
        for (List<String> cells : section.rows()) {
          row++;
          for (int c = 0; c < cells.size(); c++) {
            number(sheet, row, c, cells.get(c));
          }
        }
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering the Excel report failed", e);
    }
    return out.toByteArray();
  }

  private static void bold(Worksheet sheet, int r, int c, String value) {
    sheet.value(r, c, value);
    sheet.style(r, c).bold().set();
  }

  /** Whole numbers as numbers (so they sum in Excel), everything else as text. */
  private static void number(Worksheet sheet, int r, int c, String value) {
    if (value != null && value.matches("-?\\d{1,15}")) {
      sheet.value(r, c, Long.parseLong(value));
    } else {
      sheet.value(r, c, value);
    }
  }

  /** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
  private static String sheetName(String title, Set<String> used) {
    String base = title.replaceAll("[\\[\\]:*?/\\\\']", " ").trim();
    base = base.length() > 28 ? base.substring(0, 28).trim() : base;
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + " " + i;
    }
    return name;
  }
}
