package io.membank.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The caller as a service sees it: proves a credential reaches the service and is verified there.
 * Each service exposes it under its own path: {@code @Path("/api/v1/<area>/whoami") class
 * WhoAmIResource extends WhoAmIEndpoint {}}.
 */
public abstract class WhoAmIEndpoint {

  @Inject Caller caller;

  @ConfigProperty(name = "quarkus.application.name")
  String service;

  /** Tenant, subject and roles of the verified credential, as this service resolved them. */
  public record WhoAmI(
      @Schema(description = "The service that answered", example = "memory-service") String service,
      @Schema(description = "The tenant the credential names", example = "acme") String tenant,
      @Schema(
              description = "The credential's subject (user, service or API key)",
              example = "alice")
          String subject,
      @Schema(
              description =
                  "The MemBank roles the credential carries (reader, writer, admin, auditor, service)",
              example = "[\"reader\", \"writer\"]")
          Set<String> roles) {}

  @GET
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Who am I", description = "The tenant, subject and roles of the credential")
  // The OpenAPI scanner does not see @RolesAllowed on an inherited method: say it explicitly.
  @SecurityRequirement(
      name = "bearer",
      scopes = {Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WhoAmI.class)))
  @APIResponse(responseCode = "401", description = "Not Authorized")
  @APIResponse(responseCode = "403", description = "Not Allowed")
  public WhoAmI whoAmI() {
    return new WhoAmI(service, caller.tenant(), caller.subject(), new TreeSet<>(caller.roles()));
  }
}
