package io.membank.search.api;

import io.membank.http.ProblemException;
import io.membank.identity.AuditRecords;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import io.membank.search.api.SearchDtos.Hit;
import io.membank.search.api.SearchDtos.SearchRequest;
import io.membank.search.api.SearchDtos.SearchResponse;
import io.membank.search.api.SearchDtos.Usage;
import io.membank.search.cache.QueryCache;
import io.membank.search.index.HitOrder;
import io.membank.search.index.MemoryStore;
import io.membank.search.index.SearchQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search over a user's memories: BM25 and vectors, fused, plus filters; tenant-scoped. */
@Path("/api/v1/memories/search")
@Tag(name = "search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SearchResource {

  /** Hits answered when the request names neither limit nor top_k. */
  static final int DEFAULT_LIMIT = 10;

  @Inject Caller caller;
  @Inject MemoryStore index;
  @Inject Ranking ranking;
  @Inject QueryCache cache;
  @Inject MeterRegistry registry;
  @Inject AuditRecords audit;

  @POST
  @RolesAllowed(Roles.READER)
  @WithSpan("SearchResource.search")
  @Operation(
      summary = "Search a user's memories",
      description =
          "Hybrid search over currently valid memories: BM25 (CJK-aware) and sentence"
              + " embeddings fused by reciprocal rank (mode hybrid, the default), or either alone"
              + " (mode keyword or vector). Filters on created_at, importance, type, entities,"
              + " agent, session and metadata, combined with AND / OR / NOT groups; as_of answers"
              + " with what was valid at that moment. Expired memories are never answers. Each"
              + " hit says why it matched (match: keyword, vector and rrf scores); threshold"
              + " drops hits scoring below it (the fused score in hybrid mode). sort_by occurred_at"
              + " or created_at (sort_order desc or asc) arranges the limit best hits by time"
              + " instead of by score. When the query cannot be embedded (a remote"
              + " embeddings provider down), hybrid is answered by keyword (usage.retrieval says"
              + " so) and vector is a 503.")
  @APIResponse(responseCode = "400", description = "Invalid request")
  @APIResponse(responseCode = "401", description = "Missing or invalid credential")
  @APIResponse(
      responseCode = "503",
      description = "mode vector while the query cannot be embedded (remote provider unavailable)")
  @APIResponse(
      responseCode = "200",
      description = "The hits, best first (or in sort_by order), each with why it matched",
      content = @Content(schema = @Schema(implementation = SearchResponse.class)))
  public SearchResponse search(
      @RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = SearchRequest.class),
                      examples =
                          @ExampleObject(
                              name = "filters",
                              summary = "mem0-style: top_k, threshold, operators and in",
                              value =
                                  "{\"user_id\": \"alice\", \"query\": \"where do I live\","
                                      + " \"top_k\": 5, \"filters\": {\"AND\": [{\"created_at\":"
                                      + " {\"gte\": \"2026-01-01T00:00:00Z\"}}, {\"categories\":"
                                      + " {\"in\": [\"personal_info\", \"plan\"]}},"
                                      + " {\"metadata.source\": \"chat\"}]}}")))
          @Valid
          @NotNull
          SearchRequest request) {
    Timer.Sample sample = Timer.start(registry);
    if (request.limit() != null
        && request.topK() != null
        && !request.limit().equals(request.topK())) {
      throw ProblemException.badRequest(
          "conflicting-limit", "top_k is an alias of limit: give one of them, or the same value");
    }
    Integer limit = request.limit() != null ? request.limit() : request.topK();
    SearchQuery query =
        new SearchQuery(
            caller.tenant(),
            request.userId(),
            request.query(),
            limit == null ? DEFAULT_LIMIT : limit,
            FilterTrees.of(request.filters()),
            Boolean.TRUE.equals(request.includeInvalidated()),
            request.asOf(),
            SearchQuery.Mode.KEYWORD,
            null,
            0,
            !Boolean.FALSE.equals(request.includeSources()),
            HitOrder.of(request.sortBy(), request.sortOrder()));
    if ("vector".equals(request.mode()) && !ranking.vectorsAvailable()) {
      throw ProblemException.badRequest(
          "vector-search-disabled", "mode vector needs embeddings (membank.search.embeddings)");
    }
    long started = System.nanoTime();
    QueryCache.Slot slot = cache.slot(caller.tenant(), request.userId(), request);
    var cached = cache.get(slot, SearchResponse.class);
    if (cached.isPresent()) {
      sample.stop(latency());
      audited(request, cached.get());
      // A cached answer may hold a memory that expired since: expiry needs no event to happen.
      OffsetDateTime now = request.asOf() != null ? request.asOf() : OffsetDateTime.now();
      return new SearchResponse(
          cached.get().memories().stream()
              .filter(h -> h.expiresAt() == null || h.expiresAt().isAfter(now))
              .toList(),
          cached.get().usage().fromCache((System.nanoTime() - started) / 1_000_000));
    }
    SearchQuery ranked = ranking.rank(query, request.mode());
    var hits =
        index.search(ranked).stream()
            .filter(m -> request.threshold() == null || m.score() >= request.threshold())
            .map(Hit::of)
            .toList();
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    String retrieval = ranked.mode().name().toLowerCase(java.util.Locale.ROOT);
    registry.counter("search_requests", "retrieval", retrieval).increment();
    sample.stop(latency());
    SearchResponse response =
        new SearchResponse(
            hits,
            new Usage(
                tookMs,
                retrieval,
                ranked.queryVector() == null ? null : ranked.queryVector().model(),
                false));
    if (!ranking.degraded(ranked, request.mode())) {
      // A keyword answer standing in for vectors is not kept: the next search tries them again.
      cache.put(slot, response);
    }
    audited(request, response);
    return response;
  }

  /** One access record per search: whose memories, how many, the query's hash (not its text). */
  private void audited(SearchRequest request, SearchResponse response) {
    audit.read(
        "memory_search",
        request.userId(),
        request.userId(),
        response.memories().size(),
        request.query(),
        Map.of("retrieval", response.usage().retrieval()));
  }

  private Timer latency() {
    return Timer.builder("search_latency")
        .description("Search latency, from request to results")
        .publishPercentileHistogram()
        .register(registry);
  }
}
