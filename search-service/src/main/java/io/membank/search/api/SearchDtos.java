package io.membank.search.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.membank.http.Ids;
import io.membank.search.index.IndexedMemory;
import io.membank.search.index.MetadataJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Bodies of POST /api/v1/memories/search (JSON names are snake_case). */
public final class SearchDtos {

  static final String ID_PATTERN = Ids.PATTERN;

  private SearchDtos() {}

  /** A time window on created_at. */
  public record DateRange(OffsetDateTime start, OffsetDateTime end) {}

  /** A window on importance (0..1). */
  public record ImportanceRange(@Min(0) @Max(1) Double min, @Min(0) @Max(1) Double max) {}

  /**
   * Structured filters (mission §1), all optional; the conditions of one object hold together
   * (AND). Boolean groups like mem0's v2 filters: {@code AND} (all of these), {@code OR} (at least
   * one), {@code NOT} (this must not hold), nested at most {@value FilterTrees#MAX_DEPTH} deep.
   * {@code metadata} matches top-level metadata values by equality (a list means any of them).
   */
  public record Filters(
      @Valid DateRange dateRange,
      @Valid ImportanceRange importance,
      @Size(max = 20) List<@NotBlank String> type,
      @Size(max = 50) List<@NotBlank String> entities,
      @Pattern(regexp = ID_PATTERN) String agentId,
      @Pattern(regexp = ID_PATTERN) String sessionId,
      @Size(max = 20) Map<@Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String, Object> metadata,
      @JsonProperty("AND") @Size(max = 20) List<@Valid Filters> and,
      @JsonProperty("OR") @Size(max = 20) List<@Valid Filters> or,
      @JsonProperty("NOT") @Valid Filters not) {}

  /** The request. */
  public record SearchRequest(
      @NotBlank @Pattern(regexp = ID_PATTERN) String userId,
      @NotBlank @Size(max = 2000) String query,
      @Min(1) @Max(100) Integer limit,
      @Valid Filters filters,
      Boolean includeInvalidated,
      OffsetDateTime asOf,
      @Pattern(regexp = "keyword|vector|hybrid", message = "must be keyword, vector or hybrid")
          String mode) {}

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
      OffsetDateTime updatedAt) {

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
          m.updatedAt());
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
