package io.membank.memory.ingest.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.membank.contracts.EventJson;
import io.membank.memory.decide.Decision;
import io.membank.memory.extract.Extraction;
import io.membank.memory.similar.SimilarMemories;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The result of a completed job, as {@code GET /api/v1/jobs/{id}} returns it under {@code result}:
 * what was decided for each fact, which memories changed, what the model calls cost, and what the
 * facts were compared with.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobResult(
    List<DecisionRow> decisions, Changed memories, Usage usage, Comparison comparison) {

  private static final ObjectMapper JSON = EventJson.newMapper();

  /** One decision; {@code memory_id} is always present (null for a NOOP without target). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DecisionRow(
      Decision.Event event,
      @JsonInclude(JsonInclude.Include.ALWAYS) String memoryId,
      String content,
      String reason,
      @JsonInclude(JsonInclude.Include.NON_NULL) String previousContent) {}

  /** Ids of the memories the job added, updated and invalidated. */
  public record Changed(List<String> added, List<String> updated, List<String> invalidated) {}

  /**
   * Model calls of the extraction ({@code fallback} only when the built-in extractor stood in for a
   * failed model), the tenant's budget state when the job ran ({@code normal}, {@code warn}, {@code
   * degrade}, {@code stop}) and the extractor it chose ({@code model}, {@code degraded_model},
   * {@code builtin}).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Usage(
      String provider,
      String model,
      long tokensIn,
      long tokensOut,
      int modelCalls,
      @JsonInclude(JsonInclude.Include.NON_NULL) String fallback,
      String budgetState,
      String extractor) {}

  /** What the candidates were compared with. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Comparison(String similarSource, int recentMemories, int similarMemories) {}

  /** The result of an applied plan. */
  static JobResult of(Applied applied, Extracted extracted, Plan plan) {
    Extraction extraction = extracted.extraction();
    List<DecisionRow> rows =
        applied.outcomes().stream()
            .map(
                o ->
                    new DecisionRow(
                        o.decision().event(),
                        idOf(o.decision().targetId()),
                        o.decision().candidate().content(),
                        o.decision().reason(),
                        o.previousContent()))
            .toList();
    Changed changed =
        new Changed(
            ids(applied, Decision.Event.ADD),
            ids(applied, Decision.Event.UPDATE),
            ids(applied, Decision.Event.INVALIDATE));
    Usage usage =
        new Usage(
            extraction.provider(),
            extraction.model(),
            extraction.tokensIn(),
            extraction.tokensOut(),
            extraction.modelCalls(),
            extraction.fallback(),
            extracted.routed().choice().stateName(),
            extracted.routed().kind().wireName());
    Comparison comparison =
        new Comparison(
            plan.similarSource() == SimilarMemories.Source.SEARCH_SERVICE
                ? "search-service"
                : "unavailable",
            plan.recentCompared(),
            plan.similarCompared());
    return new JobResult(rows, changed, usage, comparison);
  }

  /** The JSON stored in the job row and returned by the API. */
  @SuppressWarnings("unchecked")
  Map<String, Object> toMap() {
    return JSON.convertValue(this, Map.class);
  }

  private static List<String> ids(Applied applied, Decision.Event event) {
    return applied.memoriesOf(event).stream().map(UUID::toString).toList();
  }

  private static String idOf(UUID id) {
    return id == null ? null : id.toString();
  }
}
