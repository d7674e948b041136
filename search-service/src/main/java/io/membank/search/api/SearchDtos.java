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
  public record DateRange(
      @Schema(
              description = "Created at or after this instant (ISO-8601)",
              example = "2025-01-01T00:00:00Z")
          OffsetDateTime start,
      @Schema(
              description = "Created before this instant (ISO-8601)",
              example = "2025-12-31T23:59:59Z")
          OffsetDateTime end) {}

  /** A window on importance (0..1). */
  public record ImportanceRange(
      @Schema(description = "Lowest importance, 0 to 1", example = "0.5") @Min(0) @Max(1)
          Double min,
      @Schema(description = "Highest importance, 0 to 1", example = "1.0") @Min(0) @Max(1)
          Double max) {}

  /**
   * Comparison operators on one field; those given all hold. Times are ISO-8601 date-times (or
   * dates), importance a number; {@code in} / {@code nin} take lists; {@code contains} / {@code
   * icontains} apply to content and metadata strings.
   */
  @Schema(
      description =
          "Operators on a field (all given must hold); a bare value means eq, a list means in")
  public record Operators(
      @Schema(description = "Equal to this value") Object eq,
      @Schema(description = "Not equal to this value") Object ne,
      @Schema(description = "Greater (later) than this value") Object gt,
      @Schema(description = "Greater (later) than or equal to this value") Object gte,
      @Schema(description = "Less (earlier) than this value") Object lt,
      @Schema(description = "Less (earlier) than or equal to this value") Object lte,
      @Schema(description = "One of these values") List<Object> in,
      @Schema(description = "None of these values") List<Object> nin,
      @Schema(description = "Contains this text (case-sensitive)", example = "Lisbon")
          String contains,
      @Schema(description = "Contains this text, ignoring case", example = "lisbon")
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
      @Schema(
              description =
                  "A window on created_at (the earlier shape; created_at with operators says more)")
          @Valid
          DateRange dateRange,
      @Schema(description = "A window on importance: {min, max}, or operators") @Valid
          ImportanceRange importance,
      @Schema(description = "Operators on when the memory was stored") Operators createdAt,
      @Schema(description = "Operators on when the memory last changed") Operators updatedAt,
      @Schema(description = "Operators on when the conversation happened") Operators occurredAt,
      @Schema(description = "Operators on the memory's text (contains, icontains)")
          Operators content,
      @Schema(
              description = "Memory types, any of them (alias of type)",
              example = "[\"preference\"]")
          @Size(max = 20)
          List<@NotBlank String> categories,
      @Schema(
              description =
                  "Memory types, any of them: preference, personal_info, plan, relationship, health, event, fact",
              example = "[\"preference\"]")
          @Size(max = 20)
          List<@NotBlank String> type,
      @Schema(description = "Entity names, any of them", example = "[\"Lisbon\"]") @Size(max = 50)
          List<@NotBlank String> entities,
      @Schema(description = "Only memories from this assistant", example = "travel-bot")
          @Pattern(regexp = ID_PATTERN)
          String agentId,
      @Schema(description = "Only memories from this session", example = "s-42")
          @Pattern(regexp = ID_PATTERN)
          String sessionId,
      @Schema(
              description = "Metadata keys and the values they must equal",
              example = "{\"source\": \"chat\"}")
          @Size(max = 20)
          Map<@Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String, Object> metadata,
      @Schema(description = "All of these filters hold") @JsonProperty("AND") @Size(max = 20)
          List<@Valid Filters> and,
      @Schema(description = "At least one of these filters holds")
          @JsonProperty("OR")
          @Size(max = 20)
          List<@Valid Filters> or,
      @Schema(description = "This filter must not hold") @JsonProperty("NOT") @Valid Filters not) {}

  /**
   * The request.
   *
   * @param topK an alias of {@code limit} (mem0's name); give one of them
   * @param threshold the lowest score a hit may have (the fused score in hybrid mode)
   * @param includeSources false: search the memories' own text only, not the text of the messages
   *     they came from nor episodes (messages no fact came from); default true
   * @param sortBy the order of the hits: score (default), occurred_at or created_at
   * @param sortOrder desc (default) or asc
   */
  public record SearchRequest(
      @Schema(description = "Whose memories to search", example = "alice")
          @NotBlank
          @Pattern(regexp = ID_PATTERN)
          String userId,
      @Schema(description = "What to look for, in any language", example = "where does alice live")
          @NotBlank
          @Size(max = 2000)
          String query,
      @Schema(description = "How many hits at most (1 to 100, default 10)", example = "10")
          @Min(1)
          @Max(100)
          Integer limit,
      @Schema(
              description =
                  "Narrows the memories searched (the same language as the listing's filters)",
              implementation = Filters.class)
          JsonNode filters,
      @Schema(
              description = "Also search memories a later fact contradicted (default false)",
              example = "false")
          Boolean includeInvalidated,
      @Schema(
              description = "Answer with what was valid at this instant (ISO-8601)",
              example = "2025-06-01T00:00:00Z")
          OffsetDateTime asOf,
      @Schema(
              description = "hybrid (default: BM25 and embeddings fused), keyword or vector",
              example = "hybrid")
          @Pattern(regexp = "keyword|vector|hybrid", message = "must be keyword, vector or hybrid")
          String mode,
      @Schema(description = "An alias of limit (mem0's name); give one of them", example = "10")
          @Min(1)
          @Max(100)
          Integer topK,
      @Schema(
              description = "The lowest score a hit may have (the fused score in hybrid mode)",
              example = "0.01")
          @DecimalMin("0")
          Double threshold,
      @Schema(
              description =
                  "Also match the text of the message each memory came from, and find episodes"
                      + " (messages that yielded no fact); default true",
              example = "true")
          Boolean includeSources,
      @Schema(
              description =
                  "The order of the hits: score (default, best first), occurred_at (when it"
                      + " happened; stored time when no event time was given) or created_at."
                      + " Relevance still picks which memories answer (the limit best)",
              example = "occurred_at",
              enumeration = {"score", "occurred_at", "created_at"})
          @Pattern(
              regexp = "score|occurred_at|created_at",
              message = "must be score, occurred_at or created_at")
          String sortBy,
      @Schema(
              description = "desc (default: best or newest first) or asc",
              example = "desc",
              enumeration = {"asc", "desc"})
          @Pattern(regexp = "asc|desc", message = "must be asc or desc")
          String sortOrder) {}

  /**
   * Why a memory matched: its BM25 score in the keyword ranking, its cosine similarity in the
   * vector ranking (each absent when that ranking did not find it) and the fused reciprocal-rank
   * score (hybrid mode); {@code fields}: which text the keyword ranking matched, {@code content}
   * (the memory) and/or {@code source} (the message it came from).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Match(
      @Schema(
              description =
                  "BM25 score in the keyword ranking (absent when it did not find the memory)",
              example = "2.31")
          Double keyword,
      @Schema(
              description =
                  "Cosine similarity in the vector ranking (absent when it did not find the memory)",
              example = "0.82")
          Double vector,
      @Schema(description = "Fused reciprocal-rank score (hybrid mode)", example = "0.032")
          Double rrf,
      @Schema(
              description =
                  "Which text the keyword ranking matched: content (the memory) and/or source (the"
                      + " message it came from)",
              example = "[\"content\"]")
          List<String> fields) {

    static Match of(IndexedMemory.Match m) {
      return m == null ? null : new Match(m.keyword(), m.vector(), m.rrf(), m.fields());
    }
  }

  /** One hit. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hit(
      @Schema(description = "The memory's id", example = "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d")
          String id,
      @Schema(description = "Whose memory it is", example = "alice") String userId,
      @Schema(description = "The assistant the memory came from, if any", example = "travel-bot")
          String agentId,
      @Schema(description = "The session the memory came from, if any", example = "s-42")
          String sessionId,
      @Schema(description = "The remembered fact", example = "Lives in Lisbon") String content,
      @Schema(description = "The memory's type", example = "fact") String type,
      @Schema(description = "How important the memory is, 0 to 1", example = "0.7")
          Double importance,
      @Schema(description = "Names of the entities the memory mentions", example = "[\"Lisbon\"]")
          List<String> entities,
      @Schema(
              description = "The key/value pairs given with the write",
              example = "{\"source\": \"chat\"}")
          Map<String, Object> metadata,
      @Schema(
              description =
                  "The hit's score (the fused score in hybrid mode); hits come best first",
              example = "0.032")
          double score,
      @Schema(description = "The memory's version", example = "1") long version,
      @Schema(description = "From when the fact holds", example = "2025-03-14T18:30:00Z")
          OffsetDateTime validFrom,
      @Schema(description = "Until when the fact held (absent while valid)") OffsetDateTime validTo,
      @Schema(description = "When the memory was stored", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "When the memory last changed", example = "2026-12-04T07:00:00Z")
          OffsetDateTime updatedAt,
      @Schema(
              description = "When the conversation it came from happened",
              example = "2025-03-14T18:30:00Z")
          OffsetDateTime occurredAt,
      @Schema(description = "When the memory stops being returned, if it expires")
          OffsetDateTime expiresAt,
      @Schema(description = "Why the memory matched: its score in each ranking") Match match) {

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
  public record Usage(
      @Schema(description = "Time the search took, in milliseconds", example = "12") long tookMs,
      @Schema(
              description =
                  "How it was answered: hybrid, keyword or vector (keyword when the query could not be embedded)",
              example = "hybrid")
          String retrieval,
      @Schema(
              description = "The embedding model of the vector ranking",
              example = "all-MiniLM-L6-v2")
          String embeddingModel,
      @Schema(description = "true when answered from the cache", example = "false")
          boolean cached) {

    Usage fromCache(long tookMillis) {
      return new Usage(tookMillis, retrieval, embeddingModel, true);
    }
  }

  /** The response. */
  public record SearchResponse(
      @Schema(description = "The hits, best first") List<Hit> memories,
      @Schema(description = "What the search cost and how it was answered") Usage usage) {}
}
