package io.membank.memory.api;

import io.membank.http.Problem;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import io.membank.memory.api.MemoryDtos.AddMemoryRequest;
import io.membank.memory.api.MemoryDtos.BatchAccepted;
import io.membank.memory.api.MemoryDtos.BatchRequest;
import io.membank.memory.api.MemoryDtos.EditMemoryRequest;
import io.membank.memory.api.MemoryDtos.History;
import io.membank.memory.api.MemoryDtos.HistoryEntry;
import io.membank.memory.api.MemoryDtos.JobAccepted;
import io.membank.memory.api.MemoryDtos.MemoryView;
import io.membank.memory.ingest.BatchEntity;
import io.membank.memory.ingest.IngestService;
import io.membank.memory.memory.MemoryService;
import io.membank.memory.ratelimit.RateLimited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Memory API v1: writes (asynchronous), single reads, edits, deletes and history. */
@Path("/api/v1/memories")
@Tag(name = "memories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid request",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "429", description = "Tenant rate limit reached; see Retry-After")
public class MemoryResource {

  private final Caller caller;
  private final IngestService ingest;
  private final MemoryService memories;

  MemoryResource(Caller caller, IngestService ingest, MemoryService memories) {
    this.caller = caller;
    this.ingest = ingest;
    this.memories = memories;
  }

  @POST
  @RolesAllowed(Roles.WRITER)
  @RateLimited("write")
  @Operation(
      summary = "Add memories from an exchange",
      description =
          "Accepts content, messages or a context and answers 202 with a job id at once;"
              + " extraction and storage run asynchronously. infer false stores the user's text"
              + " as one memory verbatim (no extraction, no decision). timestamp is the event"
              + " time (occurred_at; validity starts from it); expires_at hides the memories"
              + " after that moment. A retried request with the same Idempotency-Key (or"
              + " custom_id) returns the same job; a different request under a used key is refused"
              + " (422).")
  @APIResponse(
      responseCode = "422",
      description = "The Idempotency-Key (or custom_id) was already used for a different request")
  @APIResponse(
      responseCode = "202",
      description = "Accepted; poll GET /api/v1/jobs/{job_id} (also in the Location header)",
      content = @Content(schema = @Schema(implementation = JobAccepted.class)))
  public Response add(
      @RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = AddMemoryRequest.class),
                      examples = {
                        @ExampleObject(
                            name = "messages",
                            summary = "A conversation (mem0 / OpenAI shape) with its event time",
                            value =
                                "{\"user_id\": \"alice\", \"messages\": [{\"role\": \"user\","
                                    + " \"content\": \"I moved to Lisbon last month.\", \"name\":"
                                    + " \"alice\"}, {\"role\": \"assistant\", \"content\":"
                                    + " \"Welcome to Lisbon!\"}], \"timestamp\":"
                                    + " \"2025-03-14T18:30:00Z\", \"metadata\": {\"source\":"
                                    + " \"chat\"}}"),
                        @ExampleObject(
                            name = "verbatim",
                            summary = "infer false: one memory, stored as given, expiring",
                            value =
                                "{\"user_id\": \"alice\", \"content\": \"Door code is 4711\","
                                    + " \"infer\": false, \"expires_at\":"
                                    + " \"2030-01-01T00:00:00Z\"}"),
                        @ExampleObject(
                            name = "content",
                            summary = "Plain content",
                            value = "{\"user_id\": \"alice\", \"content\": \"I love surfing.\"}")
                      }))
          @Valid
          @NotNull
          AddMemoryRequest request,
      @HeaderParam("Idempotency-Key") @Size(max = 128) String idempotencyKey) {
    IngestService.Accepted accepted =
        ingest.accept(caller.tenant(), DomainMapping.toCommand(request), idempotencyKey);
    return Response.accepted(
            new JobAccepted(accepted.jobId(), accepted.status(), accepted.duplicate()))
        .header("Location", "/api/v1/jobs/" + accepted.jobId())
        .build();
  }

  @POST
  @Path("/batch")
  @RolesAllowed(Roles.WRITER)
  @RateLimited("write")
  @Operation(summary = "Import many conversations", description = "One job per conversation.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted; poll GET /api/v1/batches/{batch_id} (also in the Location header)",
      content = @Content(schema = @Schema(implementation = BatchAccepted.class)))
  public Response batch(@Valid @NotNull BatchRequest request) {
    BatchEntity batch = ingest.acceptBatch(caller.tenant(), DomainMapping.toCommand(request));
    return Response.accepted(new BatchAccepted(batch.id, batch.jobCount))
        .header("Location", "/api/v1/batches/" + batch.id)
        .build();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.READER)
  @RateLimited("read")
  @Operation(summary = "Get a memory")
  @APIResponse(
      responseCode = "404",
      description =
          "No such memory for this tenant (or it belongs to a user or agent outside the API key's scope)")
  @APIResponse(
      responseCode = "200",
      description = "The memory",
      content = @Content(schema = @Schema(implementation = MemoryView.class)))
  public MemoryView get(@PathParam("id") UUID id) {
    return MemoryView.of(memories.get(caller.tenant(), caller.ownerScope(), id));
  }

  @PUT
  @Path("/{id}")
  @RolesAllowed(Roles.WRITER)
  @RateLimited("write")
  @Operation(
      summary = "Edit a memory",
      description =
          "Creates a new version (reason: edited). The content and metadata go through the"
              + " tenant's privacy policy first, as every ingested write does.")
  @APIResponse(
      responseCode = "404",
      description =
          "No such memory for this tenant (or it belongs to a user or agent outside the API key's scope)")
  @APIResponse(responseCode = "409", description = "The memory was closed by a contradiction")
  @APIResponse(
      responseCode = "422",
      description = "The tenant's privacy policy blocks a value the edit contains; nothing changed")
  @APIResponse(
      responseCode = "503",
      description = "The tenant's privacy policy is not known yet; try again shortly")
  @APIResponse(
      responseCode = "200",
      description = "The memory's new version",
      content = @Content(schema = @Schema(implementation = MemoryView.class)))
  public MemoryView edit(@PathParam("id") UUID id, @Valid @NotNull EditMemoryRequest request) {
    return MemoryView.of(
        memories.edit(
            caller.tenant(),
            caller.ownerScope(),
            id,
            DomainMapping.toEdit(request),
            caller.subject()));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.WRITER)
  @RateLimited("write")
  @Operation(summary = "Delete a memory", description = "Its history stays readable.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description =
          "No such memory for this tenant (or it belongs to a user or agent outside the API key's scope)")
  public Response delete(@PathParam("id") UUID id) {
    memories.delete(caller.tenant(), caller.ownerScope(), id, caller.subject());
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/history")
  @RolesAllowed(Roles.READER)
  @RateLimited("read")
  @Operation(summary = "Every version of a memory, with what changed and why")
  @APIResponse(
      responseCode = "404",
      description =
          "No such memory for this tenant (or it belongs to a user or agent outside the API key's scope)")
  @APIResponse(
      responseCode = "200",
      description = "The memory's versions, oldest first",
      content = @Content(schema = @Schema(implementation = History.class)))
  public History history(@PathParam("id") UUID id) {
    return new History(
        id,
        memories.history(caller.tenant(), caller.ownerScope(), id).stream()
            .map(HistoryEntry::of)
            .toList());
  }
}
