package io.membank.memory.api;

import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.OwnerScope;
import io.membank.identity.Roles;
import io.membank.memory.api.MemoryDtos.BatchView;
import io.membank.memory.api.MemoryDtos.JobView;
import io.membank.memory.ingest.BatchEntity;
import io.membank.memory.ingest.IngestService;
import io.membank.memory.ingest.JobEntity;
import io.membank.memory.ratelimit.RateLimited;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Status of ingestion jobs and batches. */
@Path("/api/v1")
@Tag(name = "jobs")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
public class JobResource {

  /** A job completed by the built-in extractor because its tenant's budget said stop. */
  static final String STOPPED_JOB_EXAMPLE =
      """
      {"id": "6f1c2a8e-4b1d-4c44-9a57-0b8f3f1e2d10", "status": "completed", "progress": 1.0,
       "result": {
         "decisions": [{"event": "ADD", "memory_id": "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d",
                        "content": "I live in Nara.", "reason": "new fact"}],
         "memories": {"added": ["0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d"], "updated": [],
                      "invalidated": []},
         "usage": {"provider": "builtin", "model": "rules-v2", "tokens_in": 0, "tokens_out": 0,
                   "model_calls": 0, "budget_state": "stop", "extractor": "builtin"},
         "comparison": {"similar_source": "search-service", "recent_memories": 3,
                        "similar_memories": 0}},
       "created_at": "2026-12-04T07:00:00Z", "started_at": "2026-12-04T07:00:00.2Z",
       "completed_at": "2026-12-04T07:00:00.4Z"}
      """;

  private final Caller caller;
  private final IngestService ingest;

  JobResource(Caller caller, IngestService ingest) {
    this.caller = caller;
    this.ingest = ingest;
  }

  @GET
  @Path("/jobs/{id}")
  @RolesAllowed({Roles.READER, Roles.WRITER})
  @RateLimited("read")
  @Operation(
      summary = "Status, progress and result of an ingestion job",
      description =
          "result.protection says what the tenant's privacy policy found in the input and did"
              + " with it before anything was extracted or stored: policy_version and, per"
              + " data_type and action, a count (never a value). A job whose policy is not known"
              + " yet stays queued with an error starting 'waiting: ' and is retried; one whose"
              + " policy blocks a value it contains fails with an error starting 'blocked: ' and"
              + " stores nothing.")
  @APIResponse(
      responseCode = "200",
      description =
          "The job; once completed, its result says what was decided and, under usage, the"
              + " model calls, the tenant's budget state and the extractor it chose",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = JobView.class),
              examples =
                  @ExampleObject(
                      name = "stopped-budget",
                      summary = "Completed by the built-in extractor under a stop budget",
                      value = STOPPED_JOB_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "No such job for this tenant (or one outside the API key's scope)")
  public JobView job(@PathParam("id") UUID id) {
    JobEntity job =
        JobEntity.<JobEntity>find("tenantId = ?1 and id = ?2", caller.tenant(), id)
            .firstResultOptional()
            .filter(j -> caller.ownerScope().admits(j.userId, j.agentId))
            .orElseThrow(() -> ProblemException.notFound("Job", id.toString()));
    return new JobView(
        job.id,
        job.status,
        job.progress,
        job.batchId,
        job.result,
        job.error,
        job.createdAt,
        job.startedAt,
        job.completedAt);
  }

  @GET
  @Path("/batches/{id}")
  @RolesAllowed({Roles.READER, Roles.WRITER})
  @RateLimited("read")
  @Operation(summary = "Progress of a batch import: its jobs by status")
  @APIResponse(
      responseCode = "404",
      description = "No such batch for this tenant (or one with jobs outside the API key's scope)")
  @APIResponse(
      responseCode = "200",
      description = "The batch and its jobs by status",
      content = @Content(schema = @Schema(implementation = BatchView.class)))
  public BatchView batch(@PathParam("id") UUID id) {
    String tenant = caller.tenant();
    BatchEntity batch =
        BatchEntity.<BatchEntity>find("tenantId = ?1 and id = ?2", tenant, id)
            .firstResultOptional()
            .orElseThrow(() -> ProblemException.notFound("Batch", id.toString()));
    List<JobEntity> jobs = ingest.jobsOf(tenant, id);
    OwnerScope scope = caller.ownerScope();
    if (!jobs.stream().allMatch(j -> scope.admits(j.userId, j.agentId))) {
      throw ProblemException.notFound("Batch", id.toString());
    }
    Map<String, Long> byStatus =
        jobs.stream()
            .collect(Collectors.groupingBy(j -> j.status, TreeMap::new, Collectors.counting()));
    long finished =
        byStatus.getOrDefault(JobEntity.COMPLETED, 0L)
            + byStatus.getOrDefault(JobEntity.FAILED, 0L);
    double progress = jobs.stream().mapToDouble(j -> j.progress).sum() / Math.max(1, jobs.size());
    String status =
        finished < jobs.size()
            ? (byStatus.containsKey(JobEntity.PROCESSING) || finished > 0 ? "processing" : "queued")
            : byStatus.containsKey(JobEntity.FAILED) ? "completed_with_failures" : "completed";
    return new BatchView(
        batch.id,
        batch.userId,
        batch.jobCount,
        byStatus,
        progress,
        status,
        jobs.stream().map(j -> j.id).toList(),
        batch.createdAt);
  }
}
