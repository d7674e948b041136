package io.membank.search.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.membank.http.Ids;
import io.membank.search.index.IndexedMemory;
import io.membank.search.index.MetadataJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of POST /api/v1/memories/search (JSON names are snake_case). */
public final class SearchDtos {

  static final String ID_PATTERN = Ids.PATTERN;

  private SearchDtos() {}

  /** A time window on created_at. */
  public record DateRange(OffsetDateTime start, OffsetDateTime end) {}

  /** A window on importance (0..1). */
  public record ImportanceRange(@Min(0) @Max(1) Double min, @Min(0) @Max(1) Double max) {}

  /**
   * Comparison operators on one field; those given all hold. Times are ISO-8601 date-times (or
   * dates), importance a number; {@code in} / {@code nin} take lists; {@code contains} / {@code
   * icontains} apply to content and metadata strings.
   */
  @Schema(
      description =
          "Operators on a field (all given must hold); a bare value means eq, a list means in")
  public record Operators(
      Object eq,
      Object ne,
      Object gt,
      Object gte,
      Object lt,
      Object lte,
      List<Object> in,
      List<Object> nin,
      String contains,
      String icontains) {}

  /**
   * The filter language (the same as the listing's {@code filters} parameter; documented shape,
   * read by {@link io.membank.contracts.filter.FilterParser}): the entries of one object hold
   * together (AND); {@code AND} (all of these), {@code OR} (at least one), {@code NOT} (this must
   * not hold), nested at most {@value io.membank.contracts.filter.FilterParser#MAX_DEPTH} deep.
   * Fields take a value (eq), a list (in) or {@link Operators}: {@code created_at}, {@code
   * updated_at}, {@code occurred_at}, {@code importance}, {@code content}, {@code type} (alias
   * {@code categories}), {@code entities}, {@code agent_id}, {@code session_id}, and metadata paths
   * as keys ({@code "metadata.trip.city": {"icontains": "par"}}). {@code date_range} and {@code
   * metadata} (top-level keys by equality) are the earlier shapes and keep working.
   */
  @Schema(
      description =
          "Filter tree: fields (created_at, updated_at, occurred_at, importance, content, type /"
              + " categories, entities, agent_id, session_id, metadata.<path>) with a value, a"
              + " list or operators (eq, ne, gt, gte, lt, lte, in, nin, contains, icontains), in"
              + " AND / OR / NOT groups",
      additionalProperties = Schema.True.class)
  public record Filters(
      @Valid DateRange dateRange,
      @Schema(description = "{min, max}, or operators") @Valid ImportanceRange importance,
      Operators createdAt,
      Operators updatedAt,
      Operators occurredAt,
      Operators content,
      @Size(max = 20) List<@NotBlank String> categories,
      @Size(max = 20) List<@NotBlank String> type,
      @Size(max = 50) List<@NotBlank String> entities,
      @Pattern(regexp = ID_PATTERN) String agentId,
      @Pattern(regexp = ID_PATTERN) String sessionId,
      @Size(max = 20) Map<@Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String, Object> metadata,
      @JsonProperty("AND") @Size(max = 20) List<@Valid Filters> and,
      @JsonProperty("OR") @Size(max = 20) List<@Valid Filters> or,
      @JsonProperty("NOT") @Valid Filters not) {}

  /**
   * The request.
   *
   * @param topK an alias of {@code limit} (mem0's name); give one of them
   * @param threshold the lowest score a hit may have (the fused score in hybrid mode)
   * @param includeSources false: search the memories' own text only, not the text of the messages
   *     they came from nor episodes (messages no fact came from); default true
   */
  public record SearchRequest(
      @NotBlank @Pattern(regexp = ID_PATTERN) String userId,
      @NotBlank @Size(max = 2000) String query,
      @Min(1) @Max(100) Integer limit,
      @Schema(implementation = Filters.class) JsonNode filters,
      Boolean includeInvalidated,
      OffsetDateTime asOf,
      @Pattern(regexp = "keyword|vector|hybrid", message = "must be keyword, vector or hybrid")
          String mode,
      @Min(1) @Max(100) Integer topK,
      @DecimalMin("0") Double threshold,
      Boolean includeSources) {}

  /**
   * Why a memory matched: its BM25 score in the keyword ranking, its cosine similarity in the
   * vector ranking (each absent when that ranking did not find it) and the fused reciprocal-rank
   * score (hybrid mode); {@code fields}: which text the keyword ranking matched, {@code content}
   * (the memory) and/or {@code source} (the message it came from).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Match(Double keyword, Double vector, Double rrf, List<String> fields) {

    static Match of(IndexedMemory.Match m) {
      return m == null ? null : new Match(m.keyword(), m.vector(), m.rrf(), m.fields());
    }
  }

  /** One hit. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hit(
      String id,
      String userId,
      String agentId,
      String sessionId,
      String content,
      String type,
      Double importance,
      List<String> entities,
      Map<String, Object> metadata,
      double score,
      long version,
      OffsetDateTime validFrom,
      OffsetDateTime validTo,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      OffsetDateTime occurredAt,
      OffsetDateTime expiresAt,
      Match match) {

    static Hit of(IndexedMemory m) {
      return new Hit(
          m.id(),
          m.userId(),
          m.agentId(),
          m.sessionId(),
          m.content(),
          m.type(),
          m.importance(),
          m.entities(),
          MetadataJson.read(m.metadataJson()),
          m.score(),
          m.version(),
          m.validFrom(),
          m.validTo(),
          m.createdAt(),
          m.updatedAt(),
          m.occurredAt(),
          m.expiresAt(),
          Match.of(m.match()));
    }
  }

  /** What the search cost. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Usage(long tookMs, String retrieval, String embeddingModel, boolean cached) {

    Usage fromCache(long tookMillis) {
      return new Usage(tookMillis, retrieval, embeddingModel, true);
    }
  }

  /** The response. */
  public record SearchResponse(List<Hit> memories, Usage usage) {}
}
