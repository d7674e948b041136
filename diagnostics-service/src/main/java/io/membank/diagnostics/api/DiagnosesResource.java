package io.membank.diagnostics.api;

import io.membank.diagnostics.api.DiagnosticsDtos.ActionView;
import io.membank.diagnostics.api.DiagnosticsDtos.DiagnosisPage;
import io.membank.diagnostics.api.DiagnosticsDtos.DiagnosisView;
import io.membank.diagnostics.api.DiagnosticsDtos.RunView;
import io.membank.diagnostics.diagnosis.Diagnosis;
import io.membank.diagnostics.diagnosis.DiagnosisService;
import io.membank.diagnostics.diagnosis.DiagnosticsReads;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Diagnoses of the platform: current and past, one with its healing actions, and a run now. */
@Path("/api/v1/diagnostics")
@Tag(name = "diagnostics")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter or cursor",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not an admin of the operations tenant")
public class DiagnosesResource {

  static final String UUID_PATTERN =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private final OperationsScope scope;
  private final DiagnosticsReads reads;
  private final DiagnosisService diagnostics;

  public DiagnosesResource(
      OperationsScope scope, DiagnosticsReads reads, DiagnosisService diagnostics) {
    this.scope = scope;
    this.reads = reads;
    this.diagnostics = diagnostics;
  }

  @GET
  @Path("/diagnoses")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "List diagnoses",
      description =
          "Open and past diagnoses, newest first; status=open for the current ones. Pass"
              + " next_cursor back as cursor for the next page.")
  @APIResponse(
      responseCode = "200",
      description = "One page of diagnoses, newest first",
      content = @Content(schema = @Schema(implementation = DiagnosisPage.class)))
  public DiagnosisPage list(
      @QueryParam("status") @Pattern(regexp = "open|resolved") String status,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("cursor") String cursor) {
    String tenant = scope.require();
    Cursors.Position after = Cursors.decode(cursor);
    List<Diagnosis> page =
        reads.diagnoses(
            tenant,
            status == null ? null : Diagnosis.Status.valueOf(status.toUpperCase(Locale.ROOT)),
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            limit + 1);
    String next = null;
    if (page.size() > limit) {
      page = page.subList(0, limit);
      Diagnosis last = page.getLast();
      next = Cursors.encode(last.firstSeenAt(), last.id());
    }
    return new DiagnosisPage(page.stream().map(d -> DiagnosisView.of(d, null)).toList(), next);
  }

  @GET
  @Path("/diagnoses/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "One diagnosis with its symptoms, solutions and healing actions")
  @APIResponse(
      responseCode = "404",
      description = "No such diagnosis",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "200",
      description = "The diagnosis with its actions",
      content = @Content(schema = @Schema(implementation = DiagnosisView.class)))
  public DiagnosisView get(@PathParam("id") @Pattern(regexp = UUID_PATTERN) String id) {
    String tenant = scope.require();
    UUID uuid = UUID.fromString(id);
    Diagnosis d =
        reads.diagnosis(tenant, uuid).orElseThrow(() -> ProblemException.notFound("diagnosis", id));
    List<ActionView> actions =
        reads.actions(tenant, uuid, null, null, 200).stream().map(ActionView::of).toList();
    return DiagnosisView.of(d, actions);
  }

  @POST
  @Path("/run")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Run diagnostics now",
      description =
          "Collects every target now, detects symptoms, updates the diagnoses (events, audit,"
              + " paging) and heals behind the safeguards; answers what it found.")
  @APIResponse(
      responseCode = "200",
      description = "What this run found and did",
      content = @Content(schema = @Schema(implementation = RunView.class)))
  public RunView run() throws SQLException {
    scope.require();
    return RunView.of(diagnostics.run());
  }
}
