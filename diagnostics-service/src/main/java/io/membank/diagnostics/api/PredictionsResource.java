package io.membank.diagnostics.api;

import io.membank.diagnostics.api.DiagnosticsDtos.MaintenanceList;
import io.membank.diagnostics.api.DiagnosticsDtos.MaintenanceView;
import io.membank.diagnostics.api.DiagnosticsDtos.PredictionList;
import io.membank.diagnostics.api.DiagnosticsDtos.PredictionView;
import io.membank.diagnostics.predict.PredictionService;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Time-to-exhaustion forecasts and the maintenance windows proposed before them. */
@Path("/api/v1/diagnostics")
@Tag(name = "diagnostics")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not an admin of the operations tenant")
public class PredictionsResource {

  private final OperationsScope scope;
  private final PredictionService predictions;

  public PredictionsResource(OperationsScope scope, PredictionService predictions) {
    this.scope = scope;
    this.predictions = predictions;
  }

  @GET
  @Path("/predictions")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Resources forecast to run out",
      description =
          "Linear trend of the recent window with a 95% band; only exhaustion within the horizon,"
              + " soonest first.")
  @APIResponse(
      responseCode = "200",
      description = "Forecast exhaustions, soonest first",
      content = @Content(schema = @Schema(implementation = PredictionList.class)))
  public PredictionList predictions() {
    scope.require();
    Instant now = Instant.now();
    return new PredictionList(
        now, predictions.predictions(now).stream().map(PredictionView::of).toList());
  }

  @GET
  @Path("/maintenance")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Proposed maintenance windows",
      description =
          "One window before each forecast exhaustion, in the quietest hour learnt from the"
              + " request-rate history.")
  @APIResponse(
      responseCode = "200",
      description = "Proposed maintenance windows",
      content = @Content(schema = @Schema(implementation = MaintenanceList.class)))
  public MaintenanceList maintenance() {
    scope.require();
    Instant now = Instant.now();
    return new MaintenanceList(
        now, predictions.maintenance(now).stream().map(MaintenanceView::of).toList());
  }
}
