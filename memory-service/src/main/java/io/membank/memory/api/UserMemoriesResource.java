package io.membank.memory.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.http.ProblemException;
import io.membank.http.StrictJson;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import io.membank.memory.api.MemoryDtos.DeletedCount;
import io.membank.memory.api.MemoryDtos.MemoryPage;
import io.membank.memory.api.MemoryDtos.MemoryView;
import io.membank.memory.memory.MemoryService;
import io.membank.memory.ratelimit.RateLimited;
import io.membank.memory.store.ListCursor;
import io.membank.memory.store.MemoryRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's memories: listing with pagination and sorting, and a user-wide delete. */
@Path("/api/v1/users/{user_id}/memories")
@Tag(name = "memories")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid parameter (e.g. unknown sort field)")
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
public class UserMemoriesResource {

  private final Caller caller;
  private final MemoryService memories;
  private final ObjectMapper json;

  UserMemoriesResource(Caller caller, MemoryService memories, ObjectMapper json) {
    this.caller = caller;
    this.memories = memories;
    this.json = json;
  }

  @GET
  @RolesAllowed(Roles.READER)
  @RateLimited("read")
  @Operation(
      summary = "List a user's memories",
      description =
          "Currently valid, unexpired ones by default; include_invalidated adds contradicted"
              + " ones; as_of (ISO-8601) answers what was known at that moment. filters narrows"
              + " with comparison operators, in, contains and AND/OR/NOT groups. Pages by offset,"
              + " or by cursor: give the previous page's next_cursor.")
  @APIResponse(
      responseCode = "200",
      description = "One page of the user's memories",
      content = @Content(schema = @Schema(implementation = MemoryPage.class)))
  public MemoryPage list(
      @PathParam("user_id") @Pattern(regexp = MemoryDtos.ID_PATTERN) String userId,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100_000) int offset,
      @QueryParam("sort_by") @DefaultValue("created_at") String sortBy,
      @QueryParam("sort_order") @DefaultValue("desc") @Pattern(regexp = "asc|desc")
          String sortOrder,
      @QueryParam("agent_id") @Pattern(regexp = MemoryDtos.ID_PATTERN) String agentId,
      @QueryParam("session_id") @Pattern(regexp = MemoryDtos.ID_PATTERN) String sessionId,
      @QueryParam("include_invalidated") @DefaultValue("false") boolean includeInvalidated,
      @QueryParam("as_of") String asOf,
      @Parameter(
              description =
                  "Filter tree as JSON, the same language as search's filters: e.g."
                      + " {\"AND\": [{\"created_at\": {\"gte\": \"2026-01-01\"}},"
                      + " {\"categories\": {\"in\": [\"plan\", \"event\"]}}]}")
          @QueryParam("filters")
          @Size(max = 8192)
          String filters,
      @Parameter(
              description =
                  "next_cursor of the previous page: the page after it, stable under concurrent"
                      + " writes (sort_by created_at; offset must be 0)")
          @QueryParam("cursor")
          @Size(max = 256)
          String cursor) {
    if (!MemoryRepository.SORT_FIELDS.containsKey(sortBy)) {
      throw ProblemException.badRequest(
          "unknown-sort-field",
          "sort_by must be one of "
              + String.join(
                  ", ", MemoryRepository.SORT_FIELDS.keySet().stream().sorted().toList()));
    }
    OffsetDateTime at = null;
    if (asOf != null) {
      try {
        at = OffsetDateTime.parse(asOf);
      } catch (DateTimeParseException e) {
        throw ProblemException.badRequest(
            "invalid-as-of", "as_of must be an ISO-8601 date-time such as 2026-11-25T12:00:00Z");
      }
      // +999999999-12-31 parses, then overflows as epoch milliseconds (issue 24 defect 4).
      String outOfRange = StrictJson.outOfRange(at.toInstant());
      if (outOfRange != null) {
        throw ProblemException.badRequest("invalid-as-of", "as_of " + outOfRange);
      }
    }
    ListCursor after =
        cursor == null ? null : ListQueries.cursor(cursor, sortBy, sortOrder, offset);
    MemoryRepository.PageOf page =
        memories.list(
            caller.tenant(),
            new MemoryRepository.ListQuery(
                userId,
                agentId,
                sessionId,
                includeInvalidated,
                at,
                sortBy,
                "asc".equals(sortOrder),
                limit,
                offset,
                ListQueries.filter(json, filters),
                after));
    return new MemoryPage(
        page.items().stream().map(MemoryView::of).toList(),
        page.total(),
        limit,
        offset,
        page.next() == null ? null : page.next().encode());
  }

  @DELETE
  @RolesAllowed(Roles.ADMIN)
  @RateLimited("write")
  @Operation(summary = "Delete all of a user's memories (admin)")
  @APIResponse(responseCode = "403", description = "Needs the admin role")
  @APIResponse(
      responseCode = "200",
      description = "How many memories were deleted",
      content = @Content(schema = @Schema(implementation = DeletedCount.class)))
  public DeletedCount deleteAll(
      @PathParam("user_id") @Pattern(regexp = MemoryDtos.ID_PATTERN) String userId) {
    return new DeletedCount(memories.deleteAllOf(caller.tenant(), userId, caller.subject()));
  }
}
