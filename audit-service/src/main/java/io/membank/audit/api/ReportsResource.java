package io.membank.audit.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.api.AuditDtos.CreateReportRequest;
import io.membank.audit.api.AuditDtos.ReportView;
import io.membank.audit.report.ReportContentEntity;
import io.membank.audit.report.ReportFormat;
import io.membank.audit.report.ReportService;
import io.membank.audit.report.ReportTemplates.Template;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Compliance reports: generated on demand, stored with content hashes, downloadable, mailed. */
@Path("/api/v1/audit/reports")
@Tag(name = "reports")
@APIResponse(
    responseCode = "400",
    description = "Invalid request",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not an admin or auditor, or a foreign tenant")
public class ReportsResource {

  @Inject ReportService reports;
  @Inject TenantScope scope;
  @Inject TrailReads reads;
  @Inject Caller caller;

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Generate a compliance report",
      description =
          "Generates the report (template gdpr, sox or security) over events that occurred in"
              + " [from, to), stores it as JSON, PDF and XLSX with the SHA-256 of each, and"
              + " e-mails it to the recipients (attach: formats, default pdf).")
  @APIResponse(
      responseCode = "201",
      description = "Generated (Location names it): the report with the SHA-256 of each format",
      content = @Content(schema = @Schema(implementation = ReportView.class)))
  public Response create(@Valid @NotNull CreateReportRequest request) {
    String tenant = scope.resolve(request.tenant());
    List<ReportFormat> attach =
        (request.attach() == null || request.attach().isEmpty() ? List.of("pdf") : request.attach())
            .stream().map(ReportFormat::of).toList();
    ReportService.Stored stored =
        reports.generate(
            new ReportService.Request(
                tenant,
                Template.of(request.template()),
                request.from().toInstant(),
                request.to().toInstant(),
                request.recipients() == null ? List.of() : request.recipients(),
                attach,
                caller.subject(),
                null));
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("template", request.template());
    details.put("from", request.from().toString());
    details.put("to", request.to().toString());
    details.put("events_covered", stored.report().recordCount);
    reads.record(tenant, "create", "audit_report", stored.report().id.toString(), details);
    return Response.status(201)
        .header("Location", "/api/v1/audit/reports/" + stored.report().id)
        .entity(ReportView.of(stored))
        .build();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Get a report", description = "Its formats, hashes and deliveries.")
  @APIResponse(responseCode = "404", description = "No such report for this tenant")
  @APIResponse(
      responseCode = "200",
      description = "The report's metadata",
      content = @Content(schema = @Schema(implementation = ReportView.class)))
  public ReportView get(
      @PathParam("id") UUID id, @QueryParam("tenant") @Size(max = 64) String tenant) {
    String target = scope.resolve(tenant);
    ReportService.Stored stored =
        reports
            .find(target, id)
            .orElseThrow(() -> ProblemException.notFound("report", id.toString()));
    reads.record(
        target, "access", "audit_report", id.toString(), JsonNodeFactory.instance.objectNode());
    return ReportView.of(stored);
  }

  @GET
  @Path("/{id}/content")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Produces({
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    MediaType.APPLICATION_JSON
  })
  @Operation(
      summary = "Download a report",
      description =
          "The stored bytes in one format; Repr-Digest carries their SHA-256 (RFC 9530), equal"
              + " to the sha256 listed for the format.")
  @APIResponse(
      responseCode = "200",
      description = "The report file in the requested format",
      content = {
        @Content(
            mediaType = "application/pdf",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema =
                @Schema(
                    type = SchemaType.OBJECT,
                    description = "The report as JSON: its summary and the events it covers"))
      })
  @APIResponse(responseCode = "404", description = "No such report for this tenant")
  public Response content(
      @PathParam("id") UUID id,
      @QueryParam("format") @DefaultValue("pdf") @Pattern(regexp = "pdf|xlsx|json") String format,
      @QueryParam("tenant") @Size(max = 64) String tenant) {
    String target = scope.resolve(tenant);
    ReportFormat f = ReportFormat.of(format);
    ReportContentEntity content =
        reports
            .content(target, id, f)
            .orElseThrow(() -> ProblemException.notFound("report", id.toString()));
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("format", f.wire());
    details.put("sha256", content.sha256);
    reads.record(target, "export", "audit_report", id.toString(), details);
    String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(content.sha256));
    return Response.ok(content.content, content.mediaType)
        .header(
            "Content-Disposition", "attachment; filename=\"report-" + id + "." + f.wire() + "\"")
        .header("Repr-Digest", "sha-256=:" + digest + ":")
        .build();
  }
}
