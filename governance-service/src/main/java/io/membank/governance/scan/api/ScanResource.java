package io.membank.governance.scan.api;

import io.membank.governance.scan.service.ScanService;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scans a text for sensitive values with the tenant-independent detectors; nothing is stored. */
@Path("/api/v1/governance/scan")
@Tag(name = "privacy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

  private final ScanService scans;

  public ScanResource(ScanService scans) {
    this.scans = scans;
  }

  @POST
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN})
  @Operation(
      summary = "Scan a text",
      description =
          "Findings (type, span, confidence, detector) and counts per type; the text is not stored")
  @APIResponse(
      responseCode = "200",
      description = "The findings and their counts per type",
      content = @Content(schema = @Schema(implementation = ScanResponse.class)))
  public ScanResponse scan(@Valid @NotNull ScanRequest request) {
    return ScanResponse.of(scans.scan(request.text()));
  }
}
