package io.membank.audit.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.api.AuditDtos.EventPage;
import io.membank.audit.chain.ChainStore;
import io.membank.audit.chain.EventFilter;
import io.membank.audit.chain.StoredRow;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.risk.RiskLevel;
import io.membank.audit.shredding.SubjectKeys;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.http.StrictJson;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail, newest first, filtered and paged; every listing is itself audited. */
@Path("/api/v1/audit/events")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter or cursor",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not an admin or auditor, or a foreign tenant")
public class AuditEventsResource {

  static final String RISK = "low|medium|high|critical";
  static final String NAME = "[a-z][a-z0-9_.-]{0,63}";

  @Inject ChainStore store;
  @Inject TenantScope scope;
  @Inject TrailReads reads;
  @Inject AuditConfig config;
  @Inject SubjectKeys keys;
  @Inject OpenedRecords opener;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "List audit events",
      description =
          "Records of the caller's tenant, newest first. from/to bound occurred_at (ISO-8601,"
              + " to exclusive). Pass next_cursor back as cursor for the next page. Only operator"
              + " admins may name another tenant.")
  @APIResponse(
      responseCode = "200",
      description = "One page of audit events",
      content = @Content(schema = @Schema(implementation = EventPage.class)))
  public EventPage list(
      @QueryParam("actor") @Size(max = 256) String actor,
      @QueryParam("resource_type") @Pattern(regexp = NAME) String resourceType,
      @QueryParam("resource_id") @Size(max = 256) String resourceId,
      @QueryParam("event_type") @Size(max = 128) String eventType,
      @QueryParam("action") @Pattern(regexp = NAME) String action,
      @QueryParam("outcome") @Pattern(regexp = NAME) String outcome,
      @QueryParam("risk") @Pattern(regexp = RISK) String risk,
      @QueryParam("min_risk") @Pattern(regexp = RISK) String minRisk,
      @QueryParam("compliance") @Pattern(regexp = "GDPR|SOX|HIPAA") String compliance,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit,
      @QueryParam("cursor") @Size(max = 200) String cursor,
      @QueryParam("tenant") @Size(max = 64) String tenant) {
    String target = scope.resolve(tenant);
    int pageSize = Math.min(limit, config.access().maxPageSize());
    EventFilter filter =
        new EventFilter(
            actor,
            resourceType,
            resourceId,
            eventType,
            action,
            outcome,
            risk == null ? null : RiskLevel.of(risk),
            minRisk == null ? null : RiskLevel.of(minRisk),
            compliance,
            time("from", from),
            time("to", to));
    String fingerprint = Cursor.fingerprint(target, filter);
    long before = cursor == null ? Long.MAX_VALUE : Cursor.decode(cursor, fingerprint);
    String pseudonym =
        actor == null ? null : keys.find(target, actor).map(k -> k.pseudonym(actor)).orElse(null);
    List<StoredRow> rows = store.page(target, filter, pseudonym, before, pageSize + 1);
    String next = null;
    if (rows.size() > pageSize) {
      rows = rows.subList(0, pageSize);
      next = Cursor.encode(rows.get(pageSize - 1).seq(), fingerprint);
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    ObjectNode filters = details.putObject("filter");
    filters.put("actor", actor);
    filters.put("resource_type", resourceType);
    filters.put("resource_id", resourceId);
    filters.put("event_type", eventType);
    filters.put("action", action);
    filters.put("outcome", outcome);
    filters.put("risk", risk);
    filters.put("min_risk", minRisk);
    filters.put("compliance", compliance);
    filters.put("from", from);
    filters.put("to", to);
    filters.put("cursor", cursor != null);
    details.put("returned", rows.size());
    details.put("first_seq", rows.isEmpty() ? null : rows.get(0).seq());
    details.put("last_seq", rows.isEmpty() ? null : rows.get(rows.size() - 1).seq());
    reads.record(target, "access", "audit_log", null, details);
    return new EventPage(target, opener.views(target, rows), next);
  }

  /** An ISO-8601 instant or offset date-time parameter. */
  static Instant time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw invalidTime(name, "not an ISO-8601 date-time");
    }
    // -999999999-01-01 parses, then overflows as a SQL timestamp (issue 24 defect 4).
    String outOfRange = StrictJson.outOfRange(at);
    if (outOfRange != null) {
      throw invalidTime(name, outOfRange);
    }
    return at;
  }

  private static ProblemException invalidTime(String name, String why) {
    return new ProblemException(
        Problem.of(400, "validation", "Invalid request", name + " " + why)
            .withErrors(List.of(new Problem.FieldError(name, why))));
  }
}
