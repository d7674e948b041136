package io.membank.governance.erasure.service;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.membank.contracts.ErasureConfirmed;
import io.membank.governance.erasure.api.ErasureDtos.ErasureReport;
import io.membank.governance.erasure.api.ErasureDtos.ServiceResult;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Renders an erasure's verification report as PDF with OpenPDF (as audit-service's reports). */
public final class ErasureReports {

  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
  private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9);
  private static final Font HEADER = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);

  private ErasureReports() {}

  /** The report as a PDF document. */
  public static byte[] pdf(ErasureReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document pdf = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
    try {
      PdfWriter.getInstance(pdf, out);
      pdf.addTitle("Erasure verification " + report.erasure().erasureId());
      pdf.addCreator("MemBank governance-service");
      pdf.open();
      pdf.add(new Paragraph("Erasure verification report", TITLE));
      pdf.add(
          new Paragraph(
              "Erasure "
                  + report.erasure().erasureId()
                  + " of subject "
                  + report.erasure().userId()
                  + " · status "
                  + report.erasure().status()
                  + (report.erasure().statusReason() == null
                      ? ""
                      : " (" + report.erasure().statusReason() + ")")
                  + " · verified "
                  + report.verified()
                  + " · generated "
                  + report.generatedAt(),
              TEXT));
      pdf.add(Chunk.NEWLINE);
      List<String> columns =
          List.of("Service", "Store", "Before", "After", "Direct check", "Remaining");
      PdfPTable table = new PdfPTable(columns.size());
      table.setWidthPercentage(100);
      table.setHeaderRows(1);
      columns.forEach(c -> table.addCell(new PdfPCell(new Phrase(c, HEADER))));
      for (ServiceResult s : report.services()) {
        if (s.stores().isEmpty()) {
          row(table, List.of(s.service(), "not confirmed", "", "", "", ""));
        }
        for (ErasureConfirmed.StoreCount c : s.stores()) {
          row(
              table,
              List.of(
                  s.service(),
                  c.store(),
                  Long.toString(c.before()),
                  Long.toString(c.after()),
                  c.check(),
                  Long.toString(c.remaining())));
        }
      }
      pdf.add(table);
      pdf.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("rendering the erasure report failed", e);
    }
    return out.toByteArray();
  }

  private static void row(PdfPTable table, List<String> cells) {
    cells.forEach(v -> table.addCell(new PdfPCell(new Phrase(v, TEXT))));
  }
}
