package io.membank.memory.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.filter.FilterException;
import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterParser;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.memory.store.ListCursor;
import io.membank.memory.store.MemoryRepository;
import java.util.List;

/** Reads a listing's {@code filters} and {@code cursor} query parameters, or answers 400. */
final class ListQueries {

  private ListQueries() {}

  /** The filter tree of the {@code filters} parameter (JSON), or none. */
  static FilterNode filter(ObjectMapper json, String filters) {
    if (filters == null || filters.isBlank()) {
      return FilterNode.NONE;
    }
    JsonNode tree;
    try {
      tree = json.readTree(filters);
    } catch (JsonProcessingException e) {
      throw new ProblemException(
          Problem.of(
                  400, FilterException.INVALID_FILTER, "Bad request", "filters: is not valid JSON")
              .withErrors(
                  List.of(
                      new Problem.FieldError(
                          "filters", "is not valid JSON: " + e.getOriginalMessage()))));
    }
    try {
      return FilterParser.parse(tree, "filters");
    } catch (FilterException e) {
      throw new ProblemException(
          Problem.of(400, e.slug(), "Bad request", e.getMessage())
              .withErrors(List.of(new Problem.FieldError(e.path(), e.reason()))));
    }
  }

  /** The cursor of the {@code cursor} parameter, checked against the listing's order. */
  static ListCursor cursor(String token, String sortBy, String sortOrder, int offset) {
    ListCursor cursor =
        ListCursor.decode(token)
            .orElseThrow(
                () -> invalid("cursor", "is not a cursor this API gave (use next_cursor as is)"));
    if (!MemoryRepository.CURSOR_SORT.equals(sortBy)) {
      throw invalid("cursor", "pages by created_at: use sort_by=created_at with a cursor");
    }
    if (offset != 0) {
      throw invalid("offset", "must be 0 with a cursor");
    }
    if (cursor.ascending() != "asc".equals(sortOrder)) {
      throw invalid("cursor", "was made for sort_order=" + (cursor.ascending() ? "asc" : "desc"));
    }
    return cursor;
  }

  /** A 400 that names the parameter (or the filter's part) in {@code errors[].field}. */
  static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(400, "invalid-" + field, "Bad request", field + ": " + message)
            .withErrors(List.of(new Problem.FieldError(field, message))));
  }
}
