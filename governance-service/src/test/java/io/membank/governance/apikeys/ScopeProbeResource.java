package io.membank.governance.apikeys;

import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A test-only endpoint shaped like the suite's user endpoints (user_id in the path, agent_id in the
 * query, user_id in the body and in batch items), to see platform/identity hold a scoped key to its
 * scope; it echoes the body to prove the body still reaches the resource.
 */
@Path("/test/scope-probe/users/{user_id}")
public class ScopeProbeResource {

  /** A body like memory-service's batch. */
  public record Body(String userId, List<Map<String, String>> items) {}

  private final Caller caller;

  public ScopeProbeResource(Caller caller) {
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.READER)
  @Operation(hidden = true)
  public Map<String, Object> probe(
      @PathParam("user_id") String userId, @QueryParam("agent_id") String agentId, Body body) {
    return Map.of(
        "user_id",
        userId,
        "body_user_id",
        body == null || body.userId() == null ? "" : body.userId(),
        "user_scope",
        caller.userScope().orElse(""));
  }
}
