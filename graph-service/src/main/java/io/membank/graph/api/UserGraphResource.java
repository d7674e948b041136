package io.membank.graph.api;

import io.membank.graph.api.GraphDtos.EntityAnalysis;
import io.membank.graph.api.GraphDtos.UserGraph;
import io.membank.graph.config.GraphConfig;
import io.membank.graph.store.GraphReader;
import io.membank.identity.AuditRecords;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's knowledge graph: entity analysis and the network for drawing, tenant-scoped. */
@Path("/api/v1/users/{user_id}")
@Tag(name = "graph")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "limit out of bounds or invalid user id")
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Needs the reader role")
public class UserGraphResource {

  /** The kind of a graph node that is a memory (what the access record counts). */
  private static final String MEMORY_NODE = "memory";

  @Inject Caller caller;
  @Inject GraphReader graph;
  @Inject GraphConfig config;
  @Inject AuditRecords audit;

  @GET
  @Path("/entities")
  @RolesAllowed(Roles.READER)
  @WithSpan("UserGraphResource.entities")
  @Operation(
      summary = "Entity analysis",
      description =
          "The user's entities by how many memories mention them, each with its relationships"
              + " (type, label, direction, the other end), their combined strength and validity.")
  @APIResponse(
      responseCode = "200",
      description = "Entities by mention count",
      content = @Content(schema = @Schema(implementation = EntityAnalysis.class)))
  public EntityAnalysis entities(
      @PathParam("user_id") @Pattern(regexp = GraphDtos.ID_PATTERN) String userId,
      @QueryParam("limit") @Min(1) @Max(200) Integer limit) {
    int n = limit == null ? config.entitiesDefaultLimit() : limit;
    var entities = graph.entities(caller.tenant(), userId, n);
    audit.read("user_entities", userId, userId, entities.size(), null, Map.of());
    return new EntityAnalysis(userId, OffsetDateTime.now(ZoneOffset.UTC), entities);
  }

  @GET
  @Path("/graph")
  @RolesAllowed(Roles.READER)
  @WithSpan("UserGraphResource.graph")
  @Operation(
      summary = "Memory network",
      description =
          "The user's newest memories (up to limit), the entities they mention and the"
              + " relationships among them, as nodes and edges for drawing. The page /graph/"
              + " draws it.")
  @APIResponse(
      responseCode = "200",
      description = "Nodes and edges",
      content = @Content(schema = @Schema(implementation = UserGraph.class)))
  public UserGraph graph(
      @PathParam("user_id") @Pattern(regexp = GraphDtos.ID_PATTERN) String userId,
      @QueryParam("limit") @Min(1) @Max(500) Integer limit) {
    int n = limit == null ? config.graphDefaultLimit() : limit;
    var view = graph.graph(caller.tenant(), userId, n);
    long memories = view.nodes().stream().filter(node -> MEMORY_NODE.equals(node.kind())).count();
    audit.read("user_graph", userId, userId, (int) memories, null, Map.of());
    return new UserGraph(userId, view.nodes(), view.edges(), view.truncated());
  }
}
