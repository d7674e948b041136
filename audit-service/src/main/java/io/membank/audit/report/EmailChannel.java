package io.membank.audit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.audit.delivery.DeliveryChannel;
import io.membank.audit.delivery.DeliveryEntity;
import io.membank.contracts.EventJson;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * E-mails a stored report to its recipients, with the requested formats attached and their SHA-256
 * in the text, then records the export in the tenant's own trail (one record per delivery, so a
 * retried send is not recorded twice).
 */
@ApplicationScoped
public class EmailChannel implements DeliveryChannel {

  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject Mailer mailer;
  @Inject ReportService reports;
  @Inject AuditLog auditLog;

  @Override
  public String name() {
    return "email";
  }

  @Override
  public void deliver(DeliveryEntity delivery) throws DeliveryException {
    JsonNode payload;
    try {
      payload = JSON.readTree(delivery.payload);
    } catch (IOException e) {
      throw new DeliveryException("unreadable e-mail delivery", true, e);
    }
    UUID reportId = UUID.fromString(payload.path("report_id").asText());
    String tenant = tenantOf(reportId);
    ReportService.Stored stored =
        reports
            .find(tenant, reportId)
            .orElseThrow(() -> new DeliveryException("report " + reportId + " is gone", true));
    ReportEntity report = stored.report();
    List<String> to = Arrays.stream(delivery.target.split(",")).map(String::trim).toList();
    StringBuilder text =
        new StringBuilder()
            .append(report.title)
            .append(" for tenant ")
            .append(report.tenantId)
            .append("\nPeriod: ")
            .append(report.periodFrom)
            .append(" to ")
            .append(report.periodTo)
            .append("\nEvents covered: ")
            .append(report.recordCount)
            .append("\nReport id: ")
            .append(report.id)
            .append("\n\nAttachments (SHA-256):\n");
    Mail mail = new Mail().setTo(new ArrayList<>(to));
    mail.setSubject(
        "[MemBank] "
            + report.title
            + " — "
            + report.tenantId
            + " — "
            + report.periodFrom.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
    List<String> attached = new ArrayList<>();
    for (JsonNode f : payload.path("attach")) {
      ReportFormat format = ReportFormat.of(f.asText());
      ReportContentEntity content =
          reports
              .content(tenant, reportId, format)
              .orElseThrow(() -> new DeliveryException("no " + format.wire() + " content", true));
      String file =
          "membank-"
              + report.template
              + "-"
              + report.tenantId
              + "-"
              + report.periodFrom.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()
              + "."
              + format.wire();
      mail.addAttachment(file, content.content, content.mediaType);
      text.append("  ").append(file).append("  ").append(content.sha256).append('\n');
      attached.add(format.wire());
    }
    mail.setText(text.toString());
    try {
      mailer.send(mail);
    } catch (RuntimeException e) {
      throw new DeliveryException("SMTP send failed: " + e.getMessage(), false, e);
    }
    ObjectNode details = JSON.createObjectNode();
    details.put("report_id", report.id.toString());
    details.set("recipients", JSON.valueToTree(to));
    details.set("formats", JSON.valueToTree(attached));
    auditLog.append(
        AuditEntry.own(
            report.tenantId,
            "report-mail:" + delivery.id,
            new AuditEntry.Actor("service", "audit-service/reports", null, List.of()),
            "export",
            new AuditEntry.Resource("audit_report", report.id.toString(), null),
            "success",
            details,
            null,
            null,
            null,
            null));
  }

  private String tenantOf(UUID reportId) throws DeliveryException {
    return reports
        .tenantOf(reportId)
        .orElseThrow(() -> new DeliveryException("report " + reportId + " is gone", true));
  }
}
