package io.membank.search.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.filter.FilterException;
import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterParser;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import java.util.List;

/** Reads a request's filters into the one filter tree, or answers 400 naming the bad part. */
final class FilterTrees {

  private FilterTrees() {}

  /** The filter tree, or {@link FilterNode#NONE}. */
  static FilterNode of(JsonNode filters) {
    try {
      return FilterParser.parse(filters, "filters");
    } catch (FilterException e) {
      throw new ProblemException(
          Problem.of(400, e.slug(), "Bad request", e.getMessage())
              .withErrors(List.of(new Problem.FieldError(e.path(), e.reason()))));
    }
  }
}
