package io.membank.contracts.filter;

import java.util.List;

/**
 * A parsed filter tree ({@link FilterParser}): the one filter language of listing and search,
 * translated to parameterised SQL by memory-service and to index queries by search-service.
 */
public sealed interface FilterNode {

  /** Every node must hold (an empty list holds always). */
  record All(List<FilterNode> nodes) implements FilterNode {
    public All {
      nodes = List.copyOf(nodes);
    }
  }

  /** At least one node must hold. */
  record Any(List<FilterNode> nodes) implements FilterNode {
    public Any {
      nodes = List.copyOf(nodes);
    }
  }

  /** The node must not hold. */
  record Not(FilterNode node) implements FilterNode {}

  /**
   * One comparison of a field with typed values.
   *
   * @param field what is compared
   * @param path the metadata path's segments for {@link FilterField#METADATA}, else empty
   * @param operator how
   * @param values one value, or several for {@link FilterOperator#IN} / {@link FilterOperator#NIN}:
   *     an {@link java.time.Instant} for time fields, a {@link Double} for importance, a {@link
   *     String} for text fields, and a String, {@link java.math.BigDecimal} or {@link Boolean} for
   *     metadata
   */
  record Condition(
      FilterField field, List<String> path, FilterOperator operator, List<Object> values)
      implements FilterNode {
    public Condition {
      path = List.copyOf(path);
      values = List.copyOf(values);
    }

    /** The single value of a comparison. */
    public Object value() {
      return values.getFirst();
    }

    /** The metadata path joined with dots ({@code a.b}). */
    public String dottedPath() {
      return String.join(".", path);
    }
  }

  /** No condition. */
  FilterNode NONE = new All(List.of());

  /** Whether this node is {@link #NONE} (or any empty AND). */
  default boolean isEmpty() {
    return this instanceof All all && all.nodes().isEmpty();
  }
}
