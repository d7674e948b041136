package io.membank.governance.policy.api;

import io.membank.governance.policy.service.PolicyService;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import io.membank.privacy.policy.InvalidPolicyException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's tenant's privacy policy: read it, replace it (a new, audited version). */
@Path("/api/v1/governance/policies")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

  private final PolicyService policies;
  private final Caller caller;

  public PolicyResource(PolicyService policies, Caller caller) {
    this.policies = policies;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Read the privacy policy",
      description = "The tenant's policy in force, or the built-in default when it has none")
  @APIResponse(
      responseCode = "200",
      description = "The tenant's privacy policy and its version",
      content = @Content(schema = @Schema(implementation = PolicyResponse.class)))
  public PolicyResponse get() {
    return PolicyResponse.of(policies.current(caller.tenant()));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Replace the privacy policy",
      description =
          "Stores a new version, publishes it on governance.policies and audits the change; an"
              + " unknown name is a 400 naming the field, and nothing changes")
  @APIResponse(
      responseCode = "200",
      description = "The policy as stored, with its new version",
      content = @Content(schema = @Schema(implementation = PolicyResponse.class)))
  public PolicyResponse put(@Valid @NotNull PolicyDocument document) {
    try {
      return PolicyResponse.of(
          new PolicyService.InForce(
              policies.replace(
                  new PolicyService.Changer(caller.tenant(), caller.subject(), caller.roles()),
                  document.region(),
                  document.defaultAction(),
                  document.ruleNames(),
                  document.memoryDefaultTtl()),
              true));
    } catch (InvalidPolicyException e) {
      throw new ProblemException(
          Problem.of(400, "invalid-policy", "Invalid policy", e.getMessage())
              .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage()))));
    }
  }
}
