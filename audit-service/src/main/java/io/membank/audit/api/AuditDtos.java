package io.membank.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the audit API v1 (JSON names are snake_case). */
public final class AuditDtos {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private AuditDtos() {}

  /** Who acted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActorView(
      @Schema(description = "What kind of actor: user, service or api_key", example = "user")
          String type,
      @Schema(description = "The actor's id (the credential's subject)", example = "alice")
          String id,
      @Schema(description = "The actor's display name, if known", example = "Alice") String name,
      @Schema(description = "The actor's roles", example = "[\"writer\"]") List<String> roles) {}

  /** What was acted on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResourceView(
      @Schema(description = "What kind of resource", example = "memory") String type,
      @Schema(description = "The resource's id", example = "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d")
          String id,
      @Schema(description = "Whose resource it is (the user), if any", example = "alice")
          String ownerId) {}

  /** One record of the trail, as hashed, with its place in the chain. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventView(
      @Schema(description = "The record's position in the tenant's chain, from 1", example = "42")
          long seq,
      @Schema(description = "The event's id", example = "9a1c3e5f-7b2d-4e6f-8a0c-1d3e5f7a9b2c")
          String eventId,
      @Schema(description = "The tenant", example = "acme") String tenantId,
      @Schema(description = "The kind of event", example = "memory.added") String eventType,
      @Schema(
              description = "Where the record came from: an event topic or an API call",
              example = "memory-events")
          String source,
      @Schema(description = "When it happened", example = "2026-12-04T07:00:00Z")
          Instant occurredAt,
      @Schema(description = "When the trail recorded it", example = "2026-12-04T07:00:00.1Z")
          Instant recordedAt,
      @Schema(description = "The service that reported it", example = "memory-service")
          String service,
      @Schema(description = "Who acted") ActorView actor,
      @Schema(
              description = "What was done: create, read, update, delete, export, ...",
              example = "create")
          String action,
      @Schema(description = "What was acted on") ResourceView resource,
      @Schema(description = "success, failure or unauthorized", example = "success") String outcome,
      @Schema(description = "The caller's IP address, if known", example = "10.0.0.7") String ip,
      @Schema(description = "The caller's User-Agent, if known", example = "membank-python/0.1")
          String userAgent,
      @Schema(description = "The conversation's session id, if any", example = "s-42")
          String sessionId,
      @Schema(
              description = "The OpenTelemetry trace id, if any",
              example = "4bf92f3577b34da6a3ce929d0e0e4736")
          String traceId,
      @Schema(
              description = "The request id, if any",
              example = "0b6f1d7e-3c1a-4b8e-9a55-2f3d8c1e7a90")
          String requestId,
      @Schema(description = "What else the event says (types and counts, never personal values)")
          Map<String, Object> details,
      @Schema(
              description = "The risk level assigned: low, medium, high or critical",
              example = "low")
          String risk,
      @Schema(description = "Why it got that risk level") List<String> riskReasons,
      @Schema(
              description = "Compliance frameworks the event is relevant to (gdpr, sox, ...)",
              example = "[\"gdpr\"]")
          List<String> compliance,
      @Schema(
              description =
                  "What was wrong with the event as received (fields fixed up or dropped)")
          List<String> intakeWarnings,
      @Schema(description = "The previous record's hash (the chain link)", example = "3f0a...")
          String prevHash,
      @Schema(
              description = "This record's SHA-256 over its body and prev_hash",
              example = "9c1b...")
          String hash) {

    /** The view of a stored row from its hashed body {@code b}, its sealed fields opened. */
    @SuppressWarnings("unchecked")
    static EventView of(StoredRow row, JsonNode b) {
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
  public record EventPage(
      @Schema(description = "The tenant whose trail this is", example = "acme") String tenantId,
      @Schema(description = "The records, newest first") List<EventView> events,
      @Schema(
              description = "Give it as cursor for the next page; absent on the last page",
              example = "eyJzZXEiOjEyMzR9")
          String nextCursor) {}

  /** Where the chain breaks first. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BreakView(
      @Schema(description = "The first record that does not verify", example = "17") long seq,
      @Schema(description = "Its event id", example = "9a1c3e5f-7b2d-4e6f-8a0c-1d3e5f7a9b2c")
          String eventId,
      @Schema(
              description =
                  "Why it does not verify: record_missing, hash_mismatch, link_mismatch, content_mismatch, checkpoint_invalid, checkpoint_mismatch or tail_truncated",
              example = "hash_mismatch")
          String reason,
      @Schema(
              description = "What was expected and what was found",
              example = "stored hash differs from the recomputed one")
          String detail) {}

  /** A signed checkpoint. */
  public record CheckpointView(
      @Schema(description = "The chain position the checkpoint signs", example = "40") long seq,
      @Schema(description = "The hash of the record at that position", example = "9c1b...")
          String headHash,
      @Schema(description = "When it was signed", example = "2026-12-04T06:00:00Z")
          Instant signedAt,
      @Schema(description = "The id of the signing key", example = "audit-2026-12") String keyId) {}

  /** The outcome of a chain verification. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VerifyView(
      @Schema(description = "The tenant whose chain was verified", example = "acme")
          String tenantId,
      @Schema(description = "true when every record and checkpoint verifies", example = "true")
          boolean ok,
      @Schema(description = "The first position checked", example = "1") long fromSeq,
      @Schema(description = "The last position checked", example = "42") long toSeq,
      @Schema(description = "How many records were checked", example = "42") long recordsChecked,
      @Schema(description = "How many signed checkpoints were checked", example = "1")
          int checkpointsChecked,
      @Schema(description = "The chain's last position", example = "42") long headSeq,
      @Schema(description = "The chain's last hash", example = "9c1b...") String headHash,
      @Schema(description = "The newest signed checkpoint, if any") CheckpointView lastCheckpoint,
      @Schema(description = "Where the chain breaks first (absent when ok)") BreakView firstBreak) {

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
      @Schema(description = "gdpr, sox or security", example = "gdpr")
          @NotBlank
          @Pattern(regexp = "gdpr|sox|security")
          String template,
      @Schema(description = "The period's start (inclusive)", example = "2026-11-01T00:00:00Z")
          @NotNull
          OffsetDateTime from,
      @Schema(description = "The period's end (exclusive)", example = "2026-12-01T00:00:00Z")
          @NotNull
          OffsetDateTime to,
      @Schema(description = "E-mail addresses to send it to", example = "[\"dpo@example.com\"]")
          @Size(max = 20)
          List<@NotBlank @Email @Size(max = 254) String> recipients,
      @Schema(
              description = "Formats to attach to the e-mail: pdf, xlsx, json (default pdf)",
              example = "[\"pdf\"]")
          @Size(max = 3)
          List<@NotBlank @Pattern(regexp = "pdf|xlsx|json") String> attach,
      @Schema(
              description = "The tenant to report on (operators only; default the caller's)",
              example = "acme")
          @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
          String tenant) {}

  /** One stored format of a report. */
  public record FormatView(
      @Schema(description = "pdf, xlsx or json", example = "pdf") String format,
      @Schema(description = "The format's media type", example = "application/pdf")
          String mediaType,
      @Schema(description = "Its size in bytes", example = "18234") int sizeBytes,
      @Schema(
              description = "The SHA-256 of its bytes, hex",
              example = "5d41402abc4b2a76b9719d911017c592...")
          String sha256,
      @Schema(
              description = "Where to download it",
              example = "/api/v1/audit/reports/5a0e.../content?format=pdf")
          String href) {}

  /** One delivery of a report (an e-mail). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      @Schema(description = "How it was delivered (email)", example = "email") String channel,
      @Schema(description = "pending, delivered or failed", example = "delivered") String status,
      @Schema(description = "Delivery attempts so far", example = "1") int attempts,
      @Schema(
              description = "The last attempt's error, if any",
              example = "SMTP 451: try again later")
          String lastError,
      @Schema(description = "When it was delivered") OffsetDateTime deliveredAt) {}

  /** A stored report. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReportView(
      @Schema(description = "The report's id", example = "5a0e2c4d-6f81-4b3a-9c5e-7d1f3b5a7c9e")
          UUID id,
      @Schema(description = "The tenant it reports on", example = "acme") String tenantId,
      @Schema(description = "gdpr, sox or security", example = "gdpr") String template,
      @Schema(description = "The report's title", example = "GDPR processing report, November 2026")
          String title,
      @Schema(description = "The period's start (inclusive)", example = "2026-11-01T00:00:00Z")
          OffsetDateTime periodFrom,
      @Schema(description = "The period's end (exclusive)", example = "2026-12-01T00:00:00Z")
          OffsetDateTime periodTo,
      @Schema(description = "What generated it: on_demand or scheduled", example = "on_demand")
          String trigger,
      @Schema(description = "The schedule that generated it, if any", example = "monthly-gdpr")
          String schedule,
      @Schema(description = "Who asked for it", example = "alice") String requestedBy,
      @Schema(description = "When it was generated", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "How many audit events it covers", example = "1234") long recordCount,
      @Schema(description = "Whom it was e-mailed to", example = "[\"dpo@example.com\"]")
          List<String> recipients,
      @Schema(description = "The stored formats, each with its SHA-256") List<FormatView> formats,
      @Schema(description = "Its e-mail deliveries") List<DeliveryView> deliveries) {

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
