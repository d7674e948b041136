package io.membank.audit.api;

import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller as this service sees it: proves a credential reaches and is verified here. */
@Path("/api/v1/audit/whoami")
@Tag(name = "identity")
public class WhoAmIResource {

  @Inject Caller caller;

  /** Tenant, subject and roles of the verified credential, as this service resolved them. */
  public record WhoAmI(String service, String tenant, String subject, Set<String> roles) {}

  @GET
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Who am I", description = "The tenant, subject and roles of the credential")
  public WhoAmI whoAmI() {
    return new WhoAmI(
        "audit-service", caller.tenant(), caller.subject(), new TreeSet<>(caller.roles()));
  }
}
