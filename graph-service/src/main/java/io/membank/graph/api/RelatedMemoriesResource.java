package io.membank.graph.api;

import io.membank.graph.api.GraphDtos.RelatedMemories;
import io.membank.graph.config.GraphConfig;
import io.membank.graph.store.GraphReader;
import io.membank.http.ProblemException;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Memories related to a memory through the knowledge graph, tenant-scoped. */
@Path("/api/v1/memories/{id}/related")
@Tag(name = "graph")
@Produces(MediaType.APPLICATION_JSON)
public class RelatedMemoriesResource {

  @Inject Caller caller;
  @Inject GraphReader graph;
  @Inject GraphConfig config;
  @Inject AuditRecords audit;

  @GET
  @RolesAllowed(Roles.READER)
  @WithSpan("RelatedMemoriesResource.related")
  @Operation(
      summary = "Related memories",
      description =
          "Currently valid memories connected to this one through the entities it mentions"
              + " (depth 1) and the typed relationships between entities (depth 2 and 3),"
              + " ranked by importance, then recency.")
  @APIResponse(
      responseCode = "200",
      description = "Related memories, best first",
      content = @Content(schema = @Schema(implementation = RelatedMemories.class)))
  @APIResponse(responseCode = "400", description = "depth or limit out of bounds")
  @APIResponse(responseCode = "401", description = "Missing or invalid credential")
  @APIResponse(responseCode = "403", description = "Needs the reader role")
  @APIResponse(
      responseCode = "404",
      description = "No such memory in the caller's tenant (or one outside the API key's scope)")
  public RelatedMemories related(
      @PathParam("id") @Pattern(regexp = GraphDtos.ID_PATTERN) String id,
      @QueryParam("depth") @Min(1) @Max(3) Integer depth,
      @QueryParam("limit") @Min(1) @Max(100) Integer limit) {
    int d = depth == null ? config.relatedDefaultDepth() : depth;
    int n = limit == null ? config.relatedDefaultLimit() : limit;
    var related =
        graph
            .related(caller.tenant(), caller.ownerScope(), id, d, n)
            .orElseThrow(() -> ProblemException.notFound("memory", id));
    // Entities are per user in the graph, so related memories are the same user's.
    String subject = related.isEmpty() ? null : related.get(0).userId();
    audit.read("related_memories", id, subject, related.size(), null, Map.of("depth", d));
    return new RelatedMemories(id, d, related);
  }
}
