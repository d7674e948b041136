package io.membank.search.api;

import io.membank.http.ProblemException;
import io.membank.search.api.SearchDtos.Filters;
import io.membank.search.index.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a request's filters beyond bean validation and turns them into the index's tree. */
final class FilterTrees {

  /** Deepest nesting of AND / OR / NOT groups. */
  static final int MAX_DEPTH = 4;

  private FilterTrees() {}

  /** The filter tree, or {@link Filter#NONE}; 400 problem for what bean validation cannot see. */
  static Filter of(Filters f) {
    return f == null ? Filter.NONE : convert(f, "filters", 0);
  }

  private static Filter convert(Filters f, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw ProblemException.badRequest(
          "invalid-filter", path + ": boolean groups nest at most " + MAX_DEPTH + " deep");
    }
    if (f.dateRange() != null
        && f.dateRange().start() != null
        && f.dateRange().end() != null
        && f.dateRange().start().isAfter(f.dateRange().end())) {
      throw ProblemException.badRequest(
          "invalid-date-range", path + ".date_range.start is after its end");
    }
    if (f.importance() != null
        && f.importance().min() != null
        && f.importance().max() != null
        && f.importance().min() > f.importance().max()) {
      throw ProblemException.badRequest(
          "invalid-filter", path + ".importance.min is above its max");
    }
    return new Filter(
        f.agentId(),
        f.sessionId(),
        f.dateRange() == null ? null : f.dateRange().start(),
        f.dateRange() == null ? null : f.dateRange().end(),
        f.importance() == null ? null : f.importance().min(),
        f.importance() == null ? null : f.importance().max(),
        f.type(),
        f.entities(),
        metadata(f.metadata(), path + ".metadata"),
        group(f.and(), path + ".AND", depth),
        group(f.or(), path + ".OR", depth),
        f.not() == null ? null : convert(f.not(), path + ".NOT", depth + 1));
  }

  private static List<Filter> group(List<Filters> nodes, String path, int depth) {
    if (nodes == null) {
      return null;
    }
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) == null) {
        throw ProblemException.badRequest("invalid-filter", path + "[" + i + "] is null");
      }
      out.add(convert(nodes.get(i), path + "[" + i + "]", depth + 1));
    }
    return out;
  }

  /** Equality on top-level metadata: a scalar, or a list of scalars (any of them). */
  private static Map<String, List<String>> metadata(Map<String, Object> metadata, String path) {
    if (metadata == null) {
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    metadata.forEach(
        (key, value) -> {
          List<?> values =
              value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
          if (values.isEmpty() || values.size() > 50) {
            throw ProblemException.badRequest(
                "invalid-filter", path + "." + key + ": give 1 to 50 values");
          }
          List<String> strings = new ArrayList<>();
          for (Object v : values) {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
              throw ProblemException.badRequest(
                  "invalid-filter",
                  path + "." + key + ": only strings, numbers and booleans can be matched");
            }
            strings.add(String.valueOf(v));
          }
          out.put(key, strings);
        });
    return out;
  }
}
