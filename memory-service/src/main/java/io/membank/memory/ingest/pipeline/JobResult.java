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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The result of a completed job, as {@code GET /api/v1/jobs/{id}} returns it under {@code result}:
 * what was decided for each fact, which memories changed, what the model calls cost, what the facts
 * were compared with, and what the privacy policy found and did (types and counts, never values). A
 * job the policy blocked has only {@code protection}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(
    @Schema(description = "One decision per extracted fact") List<DecisionRow> decisions,
    @Schema(description = "Ids of the memories the job added, updated and invalidated")
        Changed memories,
    @Schema(description = "The model calls of the extraction and what they cost in tokens")
        Usage usage,
    @Schema(description = "What the facts were compared with") Comparison comparison,
    @Schema(
            description =
                "What the tenant's privacy policy found in the input and did (types and counts, never values)")
        ProtectionSummary protection) {

  private static final ObjectMapper JSON = EventJson.newMapper();

  /** One decision; {@code memory_id} is always present (null for a NOOP without target). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DecisionRow(
      @Schema(description = "ADD, UPDATE, INVALIDATE or NOOP", example = "ADD")
          Decision.Event event,
      @Schema(
              description = "The memory the decision applies to (null for a NOOP without target)",
              example = "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d",
              nullable = true)
          @JsonInclude(JsonInclude.Include.ALWAYS)
          String memoryId,
      @Schema(description = "The fact", example = "Lives in Lisbon") String content,
      @Schema(description = "Why it was decided so", example = "new fact") String reason,
      @Schema(
              description = "The memory's content before an UPDATE or INVALIDATE",
              example = "Lives in Lisbon")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          String previousContent) {}

  /** Ids of the memories the job added, updated and invalidated. */
  public record Changed(
      @Schema(description = "Ids of the memories added") List<String> added,
      @Schema(description = "Ids of the memories updated") List<String> updated,
      @Schema(description = "Ids of the memories invalidated (contradicted)")
          List<String> invalidated) {}

  /**
   * Model calls of the extraction ({@code fallback} only when the built-in extractor stood in for a
   * failed model), the tenant's budget state when the job ran ({@code normal}, {@code warn}, {@code
   * degrade}, {@code stop}) and the extractor it chose ({@code model}, {@code degraded_model},
   * {@code builtin}).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Usage(
      @Schema(description = "The model provider, or builtin", example = "builtin") String provider,
      @Schema(description = "The model, or the built-in rules' version", example = "rules-v2")
          String model,
      @Schema(description = "Tokens sent to the model", example = "0") long tokensIn,
      @Schema(description = "Tokens the model answered", example = "0") long tokensOut,
      @Schema(description = "Model calls made", example = "0") int modelCalls,
      @Schema(
              description = "Set when the built-in extractor stood in for a failed model: why",
              example = "model timed out after 30 s")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          String fallback,
      @Schema(
              description =
                  "The tenant's budget state when the job ran: normal, warn, degrade or stop",
              example = "normal")
          String budgetState,
      @Schema(
              description = "The extractor chosen: model, degraded_model or builtin",
              example = "builtin")
          String extractor) {}

  /** What the candidates were compared with. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Comparison(
      @Schema(
              description =
                  "Where similar memories came from: search-service, or the database when it was unavailable",
              example = "search-service")
          String similarSource,
      @Schema(description = "How many recent memories the facts were compared with", example = "3")
          int recentMemories,
      @Schema(description = "How many similar memories the facts were compared with", example = "0")
          int similarMemories) {}

  /**
   * What the privacy policy did to the job's input.
   *
   * @param policyVersion the version of the tenant's policy that applied (0: the built-in default)
   * @param found per data type and action, how many values were found
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ProtectionSummary(
      @Schema(
              description =
                  "The version of the tenant's policy that applied (0: the built-in default)",
              example = "1")
          long policyVersion,
      @Schema(description = "Per data type and action, how many values were found")
          List<Found> found) {

    /** {@code count} values of {@code dataType} had {@code action} applied. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Found(
        @Schema(description = "The kind of personal data found", example = "email") String dataType,
        @Schema(
                description = "What the policy did with it: mask, tokenize, block, allow, ...",
                example = "tokenize")
            String action,
        @Schema(description = "How many values", example = "1") int count) {}

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
