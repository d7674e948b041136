package io.membank.cost.recommend.api;

import io.membank.cost.access.Operators;
import io.membank.cost.recommend.Recommendation;
import io.membank.cost.recommend.RecommendationService;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Savings recommendations: LLM (the caller tenant's ledger) and cloud (operator admins). */
@Path("/api/v1/cost/recommendations")
@Tag(name = "recommendations")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(
    responseCode = "403",
    description = "Not allowed (cloud and apply: operator admins only)")
public class RecommendationResource {

  static final String ID = "(llm|cloud)-[0-9a-f]{16}";

  /** What applying a recommendation did. */
  public record AppliedResponse(
      @Schema(description = "The recommendation applied") Recommendation recommendation,
      @Schema(description = "What the Kubernetes API answered (the object's new values)")
          java.util.Map<String, Object> result) {}

  private final RecommendationService service;
  private final Operators operators;
  private final Caller caller;

  RecommendationResource(RecommendationService service, Operators operators, Caller caller) {
    this.service = service;
    this.operators = operators;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Savings recommendations",
      description =
          "kind=llm: from the caller tenant's ledger (last 30 days, extrapolated to a 30-day"
              + " month): a cheaper model per operation, batching, caching by prompt hash, prompt"
              + " efficiency. kind=cloud (operator admins): requests against p95 usage in"
              + " Prometheus, priced with the checked-in catalogue. Largest monthly savings"
              + " first, each with its evidence.")
  @APIResponse(
      responseCode = "200",
      description = "The recommendations",
      content = @Content(schema = @Schema(implementation = Recommendation[].class)))
  @APIResponse(
      responseCode = "502",
      description = "Prometheus did not answer",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "503",
      description = "No Prometheus or requests source configured",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public List<Recommendation> list(
      @QueryParam("kind") @DefaultValue("llm") @Pattern(regexp = "llm|cloud") String kind) {
    if (kind.equals("cloud")) {
      operators.require("read cloud recommendations");
      return service.cloud();
    }
    return service.llm(caller.tenant());
  }

  @POST
  @Path("/{id}/apply")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Apply a recommendation",
      description =
          "Carries out a low-risk cloud recommendation through the Kubernetes API (a CPU request"
              + " or a replica count) when the operator has set the approval flag"
              + " (membank.cost.recommendations.cloud.apply-approved). Operator admins. Audited.")
  @APIResponse(
      responseCode = "200",
      description = "Applied: what it was and what it is now",
      content = @Content(schema = @Schema(implementation = AppliedResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such recommendation now",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not approved, or not one the API applies",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public AppliedResponse apply(@PathParam("id") String id) {
    if (id == null || !id.matches(ID)) {
      throw ProblemException.badRequest("invalid-id", "id must match " + ID);
    }
    operators.require("apply recommendations");
    RecommendationService.Applied applied = service.apply(id, caller.tenant(), operators.actor());
    return new AppliedResponse(applied.recommendation(), applied.result());
  }
}
