package io.membank.search.api;

import io.membank.http.Ids;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import io.membank.search.index.IndexedMemory;
import io.membank.search.index.MemoryStore;
import io.membank.search.index.SearchQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Service-to-service: the user's current memories most similar to each of a few statements, which
 * memory-service compares new facts with (ADD / UPDATE / INVALIDATE / NOOP). Only credentials with
 * the {@code service} role (signed with the service key) may call it; the gateway never routes
 * {@code /internal}.
 */
@Path("/internal/v1/memories/similar")
@Tag(name = "internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimilarResource {

  @Inject Caller caller;
  @Inject MemoryStore index;
  @Inject Ranking ranking;
  @Inject MeterRegistry registry;

  /** The statements to match, for one user. */
  public record SimilarRequest(
      @Schema(description = "Whose memories to compare with", example = "alice")
          @NotBlank
          @Pattern(regexp = Ids.PATTERN)
          String userId,
      @Schema(description = "The statements to match", example = "[\"Lives in Porto\"]")
          @NotEmpty
          @Size(max = 50)
          List<@NotBlank @Size(max = 8000) String> texts,
      @Schema(
              description = "How many memories per statement at most (1 to 20, default 5)",
              example = "5")
          @Min(1)
          @Max(20)
          Integer limit) {}

  /** One current memory like a statement. */
  public record Match(
      @Schema(description = "The memory's id", example = "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d")
          String id,
      @Schema(description = "The memory's content", example = "Lives in Lisbon") String content,
      @Schema(description = "The memory's version", example = "1") long version,
      @Schema(description = "How similar it is (higher is closer)", example = "0.82")
          double score) {}

  /** The matches of one statement, by its position in the request. */
  public record Matches(
      @Schema(description = "The statement's position in the request (from 0)", example = "0")
          int index,
      @Schema(description = "The similar memories, best first") List<Match> memories) {}

  /** All matches, in request order. */
  public record SimilarResponse(
      @Schema(description = "The matches of every statement, in request order")
          List<Matches> results) {}

  @POST
  @RolesAllowed(Roles.SERVICE)
  @WithSpan("SimilarResource.similar")
  @Operation(
      summary = "Current memories similar to each statement (service-to-service)",
      description =
          "Hybrid (BM25 + vectors) over the user's currently valid memories, best first; for"
              + " memory-service's add/update/no-op decisions. By keyword alone while the texts"
              + " cannot be embedded (a remote embeddings provider down).")
  @APIResponse(responseCode = "400", description = "Invalid request")
  @APIResponse(responseCode = "401", description = "Missing or invalid credential")
  @APIResponse(responseCode = "403", description = "Not a service credential")
  @APIResponse(
      responseCode = "200",
      description = "Per statement, the similar current memories",
      content = @Content(schema = @Schema(implementation = SimilarResponse.class)))
  public SimilarResponse similar(@Valid @NotNull SimilarRequest request) {
    int limit = request.limit() == null ? 5 : request.limit();
    List<Matches> results = new ArrayList<>();
    // Once a text could not be embedded (remote model down), the rest go by keyword at once
    // rather than each waiting out the query timeout: the caller's deadline is short.
    String mode = null;
    for (int i = 0; i < request.texts().size(); i++) {
      SearchQuery ranked =
          ranking.rank(
              SearchQuery.unfiltered(
                  caller.tenant(), request.userId(), request.texts().get(i), limit),
              mode);
      if (ranking.degraded(ranked, mode)) {
        mode = "keyword";
      }
      List<IndexedMemory> hits = index.search(ranked);
      results.add(
          new Matches(
              i,
              hits.stream()
                  .map(m -> new Match(m.id(), m.content(), m.version(), m.score()))
                  .toList()));
    }
    registry.counter("search_requests", "retrieval", "similar").increment();
    return new SimilarResponse(results);
  }
}
