package io.membank.diagnostics.api;

import io.membank.diagnostics.api.DiagnosticsDtos.ActionPage;
import io.membank.diagnostics.api.DiagnosticsDtos.ActionView;
import io.membank.diagnostics.diagnosis.DiagnosticsReads;
import io.membank.diagnostics.healing.HealingAction;
import io.membank.diagnostics.healing.HealingService;
import io.membank.http.Problem;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The healing history, and approval of actions that wait for an admin. */
@Path("/api/v1/diagnostics/actions")
@Tag(name = "diagnostics")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter or cursor",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not an admin of the operations tenant")
public class ActionsResource {

  private final OperationsScope scope;
  private final DiagnosticsReads reads;
  private final HealingService healing;

  public ActionsResource(OperationsScope scope, DiagnosticsReads reads, HealingService healing) {
    this.scope = scope;
    this.reads = reads;
    this.healing = healing;
  }

  @GET
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "List healing actions",
      description = "Newest first, optionally of one diagnosis; next_cursor pages on.")
  @APIResponse(
      responseCode = "200",
      description = "One page of healing actions, newest first",
      content = @Content(schema = @Schema(implementation = ActionPage.class)))
  public ActionPage list(
      @QueryParam("diagnosis_id") @Pattern(regexp = DiagnosesResource.UUID_PATTERN)
          String diagnosisId,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("cursor") String cursor) {
    String tenant = scope.require();
    Cursors.Position after = Cursors.decode(cursor);
    List<HealingAction> page =
        reads.actions(
            tenant,
            diagnosisId == null ? null : UUID.fromString(diagnosisId),
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            limit + 1);
    String next = null;
    if (page.size() > limit) {
      page = page.subList(0, limit);
      HealingAction last = page.getLast();
      next = Cursors.encode(last.createdAt(), last.id());
    }
    return new ActionPage(page.stream().map(ActionView::of).toList(), next);
  }

  @POST
  @Path("/{id}/approve")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Approve an action that awaits approval",
      description =
          "Runs it now unless another safeguard (rate limit, blast radius, runtime) refuses;"
              + " answers the action in its new state.")
  @APIResponse(
      responseCode = "404",
      description = "No such action",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The action does not await approval",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "200",
      description = "The action in its new state",
      content = @Content(schema = @Schema(implementation = ActionView.class)))
  public ActionView approve(
      @PathParam("id") @Pattern(regexp = DiagnosesResource.UUID_PATTERN) String id)
      throws SQLException {
    scope.require();
    return ActionView.of(healing.approve(UUID.fromString(id), scope.subject(), Instant.now()));
  }
}
