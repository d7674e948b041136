package io.membank.governance.export.api;

import io.membank.governance.export.service.ExportService;
import io.membank.governance.export.store.ExportStore.Export;
import io.membank.http.Ids;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A data subject's export (issue 17): start it (admin), follow its progress, and download the
 * signed bundle once done.
 */
@Path("/api/v1/governance")
@Tag(name = "export")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

  private static final Pattern USER_ID = Pattern.compile(Ids.PATTERN);
  private static final String ZIP = "application/zip";

  private final ExportService exports;
  private final Caller caller;

  public ExportResource(ExportService exports, Caller caller) {
    this.exports = exports;
    this.caller = caller;
  }

  @POST
  @Path("/subjects/{user_id}/export")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Export everything held about a data subject",
      description =
          "Starts the export of the user of the caller's tenant (202 with its state): memories"
              + " with their history, graph, audit records about the user, usage, the catalog"
              + " entries describing them, and a signed manifest of SHA-256 hashes. While one is"
              + " running for the user, answers 200 with that one (idempotent)")
  @APIResponse(
      responseCode = "202",
      description = "Started: the new export's state (Location: its status URL)",
      content = @Content(schema = @Schema(implementation = ExportStatus.class)))
  @APIResponse(
      responseCode = "200",
      description = "An export of this user is already running: its state",
      content = @Content(schema = @Schema(implementation = ExportStatus.class)))
  @APIResponse(responseCode = "400", description = "user_id is not a valid user id")
  public Response start(@PathParam("user_id") String userId) {
    if (userId == null || !USER_ID.matcher(userId).matches()) {
      throw ProblemException.badRequest("invalid-user-id", "user_id: " + Ids.PATTERN);
    }
    ExportService.View view =
        exports.start(
            new ExportService.Requester(caller.tenant(), caller.subject(), caller.roles()), userId);
    ExportStatus status = ExportStatus.of(view.export(), exports.sources());
    return Response.status(view.created() ? 202 : 200)
        .location(URI.create("/api/v1/governance/exports/" + status.exportId()))
        .entity(status)
        .build();
  }

  @GET
  @Path("/exports/{export_id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "An export's state", description = "Status and progress per source")
  @APIResponse(
      responseCode = "200",
      description = "The export's state",
      content = @Content(schema = @Schema(implementation = ExportStatus.class)))
  @APIResponse(responseCode = "404", description = "No such export in the caller's tenant")
  public ExportStatus get(@PathParam("export_id") String exportId) {
    return ExportStatus.of(load(exportId), exports.sources());
  }

  @GET
  @Path("/exports/{export_id}/bundle")
  @Produces({ZIP, MediaType.APPLICATION_JSON})
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Download an export's bundle",
      description =
          "The zip: memories.json, graph.json, audit.json, usage.json, catalog.json,"
              + " manifest.json (SHA-256 of every file) and manifest.jws (the manifest signed"
              + " with the service key, RS256, kid membank-service)")
  @APIResponse(
      responseCode = "200",
      description = "The bundle",
      content =
          @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "No such export in the caller's tenant")
  @APIResponse(responseCode = "409", description = "The export is still running, or it failed")
  public Response bundle(@PathParam("export_id") String exportId) {
    Export e = load(exportId);
    if (!"done".equals(e.status())) {
      throw ProblemException.conflict(
          "export-not-done",
          "export " + e.id() + " is " + e.status() + ": the bundle exists once it is done");
    }
    java.nio.file.Path file = exports.bundle(e.id());
    if (!Files.isRegularFile(file)) {
      throw ProblemException.notFound("export bundle", exportId);
    }
    return Response.ok(file.toFile(), ZIP)
        .header("Content-Disposition", "attachment; filename=export-" + e.id() + ".zip")
        .build();
  }

  private Export load(String exportId) {
    UUID id;
    try {
      id = UUID.fromString(exportId);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("export", exportId);
    }
    return exports
        .find(caller.tenant(), id)
        .orElseThrow(() -> ProblemException.notFound("export", exportId));
  }
}
