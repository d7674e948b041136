package io.membank.audit.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.ChainHash;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.delivery.DeliveryEntity;
import io.membank.audit.delivery.DeliveryQueue;
import io.membank.audit.report.ReportTemplates.Template;
import io.membank.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Generates reports (the document once, rendered in every format), stores them with the SHA-256 of
 * each format, and queues the e-mail to their recipients.
 */
@ApplicationScoped
public class ReportService {

  private static final Logger LOG = Logger.getLogger(ReportService.class);

  @Inject ReportTemplates templates;
  @Inject DeliveryQueue queue;
  @Inject AuditConfig config;

  /** What to generate. {@code schedule} is null for on-demand reports. */
  public record Request(
      String tenant,
      Template template,
      Instant from,
      Instant to,
      List<String> recipients,
      List<ReportFormat> attach,
      String requestedBy,
      String schedule) {}

  /** A format of a stored report, without its bytes. */
  public record ContentInfo(String format, String mediaType, int sizeBytes, String sha256) {}

  /** A stored report with its formats and e-mail deliveries. */
  public record Stored(
      ReportEntity report, List<ContentInfo> contents, List<DeliveryEntity> deliveries) {}

  /** Generates and stores a report; returns it. */
  public Stored generate(Request request) {
    if (!request.from().isBefore(request.to())) {
      throw ProblemException.badRequest("invalid-period", "from must be before to");
    }
    Duration length = Duration.between(request.from(), request.to());
    if (length.compareTo(config.reports().maxPeriod()) > 0) {
      throw ProblemException.badRequest(
          "invalid-period",
          "a report covers at most " + config.reports().maxPeriod().toDays() + " days");
    }
    UUID id = UUID.randomUUID();
    long t0 = System.nanoTime();
    ReportDocument doc =
        templates.build(
            id,
            request.template(),
            request.tenant(),
            request.from(),
            request.to(),
            request.requestedBy());
    Map<ReportFormat, byte[]> rendered = new EnumMap<>(ReportFormat.class);
    for (ReportFormat format : ReportFormat.values()) {
      rendered.put(format, format.render(doc));
    }
    store(request, doc, rendered);
    LOG.infof(
        "audit.report.generated id=%s tenant=%s template=%s records=%d ms=%d",
        id,
        request.tenant(),
        request.template().id(),
        doc.recordCount(),
        (System.nanoTime() - t0) / 1_000_000);
    return find(request.tenant(), id).orElseThrow();
  }

  @Transactional
  void store(Request request, ReportDocument doc, Map<ReportFormat, byte[]> rendered) {
    ReportEntity report = new ReportEntity();
    report.id = doc.id();
    report.tenantId = doc.tenant();
    report.template = doc.template();
    report.title = doc.title();
    report.periodFrom = doc.from().atOffset(ZoneOffset.UTC);
    report.periodTo = doc.to().atOffset(ZoneOffset.UTC);
    report.trigger = request.schedule() == null ? "on_demand" : "scheduled";
    report.schedule = request.schedule();
    report.requestedBy = request.requestedBy();
    report.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    report.recordCount = doc.recordCount();
    report.recipients = String.join(",", request.recipients());
    report.persist();
    for (Map.Entry<ReportFormat, byte[]> e : rendered.entrySet()) {
      ReportContentEntity content = new ReportContentEntity();
      content.reportId = report.id;
      content.format = e.getKey().wire();
      content.mediaType = e.getKey().mediaType();
      content.content = e.getValue();
      content.sha256 = ChainHash.sha256Hex(e.getValue());
      content.sizeBytes = e.getValue().length;
      content.persist();
    }
    if (!request.recipients().isEmpty()) {
      ObjectNode payload = JsonNodeFactory.instance.objectNode();
      payload.put("report_id", report.id.toString());
      var attach = payload.putArray("attach");
      request.attach().forEach(f -> attach.add(f.wire()));
      queue.enqueue("email", report.recipients, payload.toString(), null, report.id);
    }
  }

  /** The tenant's report, or empty (also when it belongs to another tenant). */
  @Transactional
  public Optional<Stored> find(String tenant, UUID id) {
    ReportEntity report = ReportEntity.findById(id);
    if (report == null || !report.tenantId.equals(tenant)) {
      return Optional.empty();
    }
    List<ContentInfo> contents =
        ReportContentEntity.find("reportId = ?1 order by format", id)
            .project(ContentInfo.class)
            .list();
    List<DeliveryEntity> deliveries = DeliveryEntity.list("reportId = ?1 order by createdAt", id);
    return Optional.of(new Stored(report, contents, deliveries));
  }

  /** The tenant a report belongs to (for work that starts from a report id alone). */
  @Transactional
  public Optional<String> tenantOf(UUID id) {
    return ReportEntity.<ReportEntity>findByIdOptional(id).map(r -> r.tenantId);
  }

  /** One format of the tenant's report, or empty. */
  @Transactional
  public Optional<ReportContentEntity> content(String tenant, UUID id, ReportFormat format) {
    ReportEntity report = ReportEntity.findById(id);
    if (report == null || !report.tenantId.equals(tenant)) {
      return Optional.empty();
    }
    return ReportContentEntity.find("reportId = ?1 and format = ?2", id, format.wire())
        .firstResultOptional();
  }

  /** Whether a scheduled report of that period exists already. */
  @Transactional
  public boolean scheduledExists(String tenant, String schedule, Instant from) {
    return ReportEntity.count(
            "tenantId = ?1 and schedule = ?2 and periodFrom = ?3",
            tenant,
            schedule,
            from.atOffset(ZoneOffset.UTC))
        > 0;
  }
}
