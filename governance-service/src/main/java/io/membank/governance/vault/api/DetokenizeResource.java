package io.membank.governance.vault.api;

import io.membank.governance.vault.service.DetokenizeService;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
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

/** Reveals the value behind a token of the caller's tenant (admin only; audited). */
@Path("/api/v1/governance/detokenize")
@Tag(name = "privacy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DetokenizeResource {

  private final DetokenizeService detokenizer;
  private final Caller caller;

  public DetokenizeResource(DetokenizeService detokenizer, Caller caller) {
    this.detokenizer = detokenizer;
    this.caller = caller;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Detokenize",
      description = "The value behind a token of the caller's tenant; audited (also when refused)")
  @APIResponse(
      responseCode = "200",
      description = "The value behind the token",
      content = @Content(schema = @Schema(implementation = DetokenizeResponse.class)))
  @APIResponse(responseCode = "404", description = "No such token in the caller's tenant")
  @APIResponse(
      responseCode = "503",
      description = "The keyring is not configured (membank.privacy.keys): tokens cannot be opened")
  public DetokenizeResponse detokenize(@Valid @NotNull DetokenizeRequest request) {
    try {
      DetokenizeService.Revealed revealed =
          detokenizer.reveal(caller.tenant(), caller.subject(), caller.roles(), request.token());
      return new DetokenizeResponse(revealed.token(), revealed.dataType(), revealed.value());
    } catch (DetokenizeService.RefusedException e) {
      throw switch (e.refusal()) {
        case UNKNOWN_TOKEN -> ProblemException.notFound("token", request.token());
        case NO_KEYRING ->
            new ProblemException(
                Problem.of(
                    503,
                    "no-keyring",
                    "Keyring not configured",
                    "membank.privacy.keys is not set: tokens cannot be opened"));
      };
    }
  }
}
