package io.membank.memory.ingest.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.membank.contracts.EventJson;
import io.membank.memory.decide.Decision;
import io.membank.memory.extract.Extraction;
import io.membank.memory.privacy.service.Protection;
import io.membank.memory.similar.SimilarMemories;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The result of a completed job, as {@code GET /api/v1/jobs/{id}} returns it under {@code result}:
 * what was decided for each fact, which memories changed, what the model calls cost, what the facts
 * were compared with, and what the privacy policy found and did (types and counts, never values). A
 * job the policy blocked has only {@code protection}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(
    List<DecisionRow> decisions,
    Changed memories,
    Usage usage,
    Comparison comparison,
    ProtectionSummary protection) {

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

  /**
   * What the privacy policy did to the job's input.
   *
   * @param policyVersion the version of the tenant's policy that applied (0: the built-in default)
   * @param found per data type and action, how many values were found
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ProtectionSummary(long policyVersion, List<Found> found) {

    /** {@code count} values of {@code dataType} had {@code action} applied. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Found(String dataType, String action, int count) {}

    static ProtectionSummary of(Protection protection) {
      return protection == null
          ? null
          : new ProtectionSummary(
              protection.policyVersion(),
              protection.counts().stream()
                  .map(c -> new Found(c.type().name(), c.action().name(), c.count()))
                  .toList());
    }
  }

  /** The result of a job the privacy policy blocked: what was found, nothing else. */
  static JobResult refused(Protection protection) {
    return new JobResult(null, null, null, null, ProtectionSummary.of(protection));
  }

  /** The result of an applied plan. */
  static JobResult of(Applied applied, Extracted extracted, Plan plan, Protection protection) {
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
    return new JobResult(rows, changed, usage, comparison, ProtectionSummary.of(protection));
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
