package io.membank.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.audit.chain.ChainHash;
import io.membank.audit.chain.ChainVerifier;
import io.membank.audit.chain.StoredRow;
import io.membank.audit.delivery.DeliveryEntity;
import io.membank.audit.report.ReportService;
import io.membank.contracts.EventJson;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the audit API v1 (JSON names are snake_case). */
public final class AuditDtos {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private AuditDtos() {}

  /** Who acted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActorView(String type, String id, String name, List<String> roles) {}

  /** What was acted on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResourceView(String type, String id, String ownerId) {}

  /** One record of the trail, as hashed, with its place in the chain. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventView(
      long seq,
      String eventId,
      String tenantId,
      String eventType,
      String source,
      Instant occurredAt,
      Instant recordedAt,
      String service,
      ActorView actor,
      String action,
      ResourceView resource,
      String outcome,
      String ip,
      String userAgent,
      String sessionId,
      String traceId,
      String requestId,
      Map<String, Object> details,
      String risk,
      List<String> riskReasons,
      List<String> compliance,
      List<String> intakeWarnings,
      String prevHash,
      String hash) {

    /** The view of a stored row (from its hashed body). */
    @SuppressWarnings("unchecked")
    static EventView of(StoredRow row) {
      JsonNode b = ChainHash.parse(row.body());
      JsonNode a = b.path("actor");
      JsonNode r = b.path("resource");
      return new EventView(
          row.seq(),
          text(b, "event_id"),
          text(b, "tenant_id"),
          text(b, "event_type"),
          text(b, "source"),
          instant(b, "occurred_at"),
          instant(b, "recorded_at"),
          text(b, "service"),
          new ActorView(text(a, "type"), text(a, "id"), text(a, "name"), strings(a, "roles")),
          text(b, "action"),
          new ResourceView(text(r, "type"), text(r, "id"), text(r, "owner_id")),
          text(b, "outcome"),
          text(b, "ip"),
          text(b, "user_agent"),
          text(b, "session_id"),
          text(b, "trace_id"),
          text(b, "request_id"),
          b.hasNonNull("details") ? JSON.convertValue(b.get("details"), Map.class) : null,
          text(b, "risk"),
          strings(b, "risk_reasons"),
          strings(b, "compliance"),
          strings(b, "intake_warnings"),
          row.prevHash(),
          row.hash());
    }

    private static String text(JsonNode node, String field) {
      return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
      String text = text(node, field);
      return text == null ? null : Instant.parse(text);
    }

    private static List<String> strings(JsonNode node, String field) {
      if (!node.has(field)) {
        return null;
      }
      List<String> values = new ArrayList<>();
      node.get(field).forEach(v -> values.add(v.asText()));
      return values;
    }
  }

  /** A page of the trail, newest first; {@code next_cursor} is absent on the last page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventPage(String tenantId, List<EventView> events, String nextCursor) {}

  /** Where the chain breaks first. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BreakView(long seq, String eventId, String reason, String detail) {}

  /** A signed checkpoint. */
  public record CheckpointView(long seq, String headHash, Instant signedAt, String keyId) {}

  /** The outcome of a chain verification. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VerifyView(
      String tenantId,
      boolean ok,
      long fromSeq,
      long toSeq,
      long recordsChecked,
      int checkpointsChecked,
      long headSeq,
      String headHash,
      CheckpointView lastCheckpoint,
      BreakView firstBreak) {

    static VerifyView of(ChainVerifier.Result r) {
      return new VerifyView(
          r.tenant(),
          r.ok(),
          r.fromSeq(),
          r.toSeq(),
          r.recordsChecked(),
          r.checkpointsChecked(),
          r.head().seq(),
          r.head().hash(),
          r.lastCheckpoint() == null
              ? null
              : new CheckpointView(
                  r.lastCheckpoint().seq(),
                  r.lastCheckpoint().headHash(),
                  r.lastCheckpoint().signedAt(),
                  r.lastCheckpoint().keyId()),
          r.firstBreak() == null
              ? null
              : new BreakView(
                  r.firstBreak().seq(),
                  r.firstBreak().eventId(),
                  r.firstBreak().reason(),
                  r.firstBreak().detail()));
    }
  }

  /** POST /reports. */
  public record CreateReportRequest(
      @NotBlank @Pattern(regexp = "gdpr|sox|security") String template,
      @NotNull OffsetDateTime from,
      @NotNull OffsetDateTime to,
      @Size(max = 20) List<@NotBlank @Email @Size(max = 254) String> recipients,
      @Size(max = 3) List<@NotBlank @Pattern(regexp = "pdf|xlsx|json") String> attach,
      @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String tenant) {}

  /** One stored format of a report. */
  public record FormatView(
      String format, String mediaType, int sizeBytes, String sha256, String href) {}

  /** One delivery of a report (an e-mail). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      String channel, String status, int attempts, String lastError, OffsetDateTime deliveredAt) {}

  /** A stored report. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReportView(
      UUID id,
      String tenantId,
      String template,
      String title,
      OffsetDateTime periodFrom,
      OffsetDateTime periodTo,
      String trigger,
      String schedule,
      String requestedBy,
      OffsetDateTime createdAt,
      long recordCount,
      List<String> recipients,
      List<FormatView> formats,
      List<DeliveryView> deliveries) {

    static ReportView of(ReportService.Stored s) {
      var r = s.report();
      String base = "/api/v1/audit/reports/" + r.id + "/content?format=";
      return new ReportView(
          r.id,
          r.tenantId,
          r.template,
          r.title,
          r.periodFrom,
          r.periodTo,
          r.trigger,
          r.schedule,
          r.requestedBy,
          r.createdAt,
          r.recordCount,
          r.recipients.isEmpty() ? List.of() : List.of(r.recipients.split(",")),
          s.contents().stream()
              .map(
                  c ->
                      new FormatView(
                          c.format(), c.mediaType(), c.sizeBytes(), c.sha256(), base + c.format()))
              .toList(),
          s.deliveries().stream().map(AuditDtos::delivery).toList());
    }
  }

  private static DeliveryView delivery(DeliveryEntity d) {
    return new DeliveryView(d.channel, d.status, d.attempts, d.lastError, d.deliveredAt);
  }
}
