package io.membank.audit.report;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Renders a report as PDF (A4 landscape, one table per section) with OpenPDF. */
final class PdfReport {

  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
  private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
  private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9);
  private static final Font NOTE = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 8);
  private static final Font HEADER = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
  private static final Color HEADER_FILL = new Color(0xDD, 0xE4, 0xEE);

  private PdfReport() {}

  static byte[] render(ReportDocument doc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document pdf = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
    try {
      PdfWriter.getInstance(pdf, out);
      pdf.addTitle(doc.title() + " — " + doc.tenant());
      pdf.addCreator("MemBank audit-service");
      pdf.open();
      pdf.add(new Paragraph(doc.title(), TITLE));
      pdf.add(
          new Paragraph(
              "Tenant "
                  + doc.tenant()
                  + " · period "
                  + doc.from()
                  + " to "
                  + doc.to()
                  + " · generated "
                  + doc.generatedAt()
                  + " by "
                  + doc.generatedBy()
                  + " · report "
                  + doc.id(),
              NOTE));
      pdf.add(Chunk.NEWLINE);
      PdfPTable facts = table(List.of("Figure", "Value"));
      doc.summary().forEach(f -> row(facts, List.of(f.label(), f.value())));
      pdf.add(facts);
      for (ReportDocument.Section section : doc.sections()) {
        Paragraph heading = new Paragraph(section.title(), HEADING);
        heading.setSpacingBefore(14);
        pdf.add(heading);
        pdf.add(new Paragraph(section.description(), NOTE));
        if (section.rows().isEmpty()) {
          pdf.add(new Paragraph("Nothing in this period.", TEXT));
          continue;
        }
        PdfPTable table = table(section.columns());
        section.rows().forEach(r -> row(table, r));
        pdf.add(table);
      }
      pdf.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("rendering the PDF report failed", e);
    }
    return out.toByteArray();
  }

  private static PdfPTable table(List<String> columns) {
    PdfPTable table = new PdfPTable(columns.size());
    table.setWidthPercentage(100);
    table.setSpacingBefore(4);
    table.setHeaderRows(1);
    for (String column : columns) {
      PdfPCell cell = new PdfPCell(new Phrase(column, HEADER));
      cell.setBackgroundColor(HEADER_FILL);
      cell.setHorizontalAlignment(Element.ALIGN_LEFT);
      table.addCell(cell);
    }
    return table;
  }

  private static void row(PdfPTable table, List<String> cells) {
    for (String value : cells) {
      table.addCell(new PdfPCell(new Phrase(value, TEXT)));
    }
  }
}
