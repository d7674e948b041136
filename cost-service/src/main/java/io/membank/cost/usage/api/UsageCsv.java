package io.membank.cost.usage.api;

import io.membank.cost.usage.GroupBy;
import io.membank.cost.usage.UsageReport;
import io.membank.cost.usage.UsageRow;
import java.util.ArrayList;
import java.util.List;

/** A usage report as RFC 4180 CSV: one header line, one line per group. */
final class UsageCsv {

  static final String MEDIA_TYPE = "text/csv";

  private UsageCsv() {}

  static String write(UsageReport report) {
    List<GroupBy> dims = report.groupBy().stream().map(GroupBy::ofWire).toList();
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(report.groupBy());
    header.addAll(List.of("calls", "tokens_in", "tokens_out", "cost_usd"));
    line(out, header);
    for (UsageRow row : report.rows()) {
      List<String> cells = new ArrayList<>();
      for (GroupBy g : dims) {
        cells.add(String.valueOf(row.value(g)));
      }
      cells.add(Long.toString(row.calls()));
      cells.add(Long.toString(row.tokensIn()));
      cells.add(Long.toString(row.tokensOut()));
      cells.add(row.costUsd().toPlainString());
      line(out, cells);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** Quotes when needed; a leading formula character is neutralised for spreadsheets. */
  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static boolean isNumber(String v) {
    try {
      new java.math.BigDecimal(v);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
