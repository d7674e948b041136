package io.membank.memory.store;

import io.membank.contracts.filter.FilterField;
import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link FilterNode} tree as a SQL condition on {@code memories}: column names come from the
 * closed {@link FilterField} set and operators from {@link FilterOperator}; every value the caller
 * gave, metadata path segments included, is a bound parameter ({@code ?n}), never SQL text.
 *
 * <p>Every condition is made two-valued ({@code coalesce(…, false)}): a memory without the field
 * (no such metadata key) does not match a comparison, and so matches its {@code NOT}.
 */
final class FilterSql {

  private final List<Object> params;

  /**
   * @param params the query's parameters so far; this appends its own, numbered after them
   */
  FilterSql(List<Object> params) {
    this.params = params;
  }

  /** The condition of the tree ({@code true} for no condition). */
  String where(FilterNode node) {
    return switch (node) {
      case FilterNode.All all -> all.nodes().isEmpty() ? "true" : join(all.nodes(), " and ");
      case FilterNode.Any any -> join(any.nodes(), " or ");
      case FilterNode.Not not -> "not (" + where(not.node()) + ")";
      case FilterNode.Condition c -> "coalesce(" + condition(c) + ", false)";
    };
  }

  private String join(List<FilterNode> nodes, String op) {
    return nodes.stream().map(n -> "(" + where(n) + ")").collect(Collectors.joining(op));
  }

  private String condition(FilterNode.Condition c) {
    return switch (c.operator()) {
      case IN -> anyOf(c);
      case NIN -> "not coalesce(" + anyOf(c) + ", false)";
      case NE -> "not coalesce(" + compare(c, FilterOperator.EQ, c.value()) + ", false)";
      default -> compare(c, c.operator(), c.value());
    };
  }

  private String anyOf(FilterNode.Condition c) {
    return c.values().stream()
        .map(v -> "coalesce(" + compare(c, FilterOperator.EQ, v) + ", false)")
        .collect(Collectors.joining(" or ", "(", ")"));
  }

  private String compare(FilterNode.Condition c, FilterOperator op, Object value) {
    return switch (c.field()) {
      case CREATED_AT -> ordered("created_at", op, time(value));
      case UPDATED_AT -> ordered("updated_at", op, time(value));
      // Memories stored before event time existed happened when they were told.
      case OCCURRED_AT -> ordered("coalesce(occurred_at, created_at)", op, time(value));
      case IMPORTANCE -> ordered("importance", op, value);
      case CONTENT -> text("content", op, value);
      case TYPE -> ordered("type", op, value);
      case AGENT_ID -> ordered("agent_id", op, value);
      case SESSION_ID -> ordered("session_id", op, value);
      case ENTITIES ->
          "exists (select 1 from jsonb_array_elements_text(entities) e where lower(e) = lower("
              + param(value)
              + "))";
      case METADATA -> metadata(c, op, value);
    };
  }

  private String ordered(String column, FilterOperator op, Object value) {
    String sqlOp =
        switch (op) {
          case EQ -> "=";
          case GT -> ">";
          case GTE -> ">=";
          case LT -> "<";
          case LTE -> "<=";
          default -> throw new IllegalArgumentException(op + " on " + column);
        };
    return column + " " + sqlOp + " " + param(value);
  }

  private String text(String column, FilterOperator op, Object value) {
    return switch (op) {
      case CONTAINS -> "strpos(" + column + ", " + param(value) + ") > 0";
      case ICONTAINS -> "strpos(lower(" + column + "), lower(" + param(value) + ")) > 0";
      default -> ordered(column, op, value);
    };
  }

  /** A value at a metadata path; a list of scalars matches when any of its items does. */
  private String metadata(FilterNode.Condition c, FilterOperator op, Object value) {
    String at =
        c.path().stream()
            .map(segment -> "cast(" + param(segment) + " as text)")
            .collect(Collectors.joining(", ", "jsonb_extract_path(metadata, ", ")"));
    String scalar = "(" + at + " #>> '{}')";
    return switch (op) {
      case CONTAINS ->
          "(jsonb_typeof("
              + at
              + ") = 'string' and strpos("
              + scalar
              + ", "
              + param(value)
              + ") > 0)";
      case ICONTAINS ->
          "(jsonb_typeof("
              + at
              + ") = 'string' and strpos(lower("
              + scalar
              + "), lower("
              + param(value)
              + ")) > 0)";
      case EQ -> {
        String v = jsonb(value);
        yield "("
            + at
            + " = "
            + v
            + " or (jsonb_typeof("
            + at
            + ") = 'array' and "
            + at
            + " @> jsonb_build_array("
            + v
            + ")))";
      }
      // CASE, not AND: PostgreSQL may evaluate AND's operands in any order, and text does not cast.
      default ->
          "(case when jsonb_typeof("
              + at
              + ") = 'number' then cast("
              + scalar
              + " as numeric) end "
              + switch (op) {
                case GT -> ">";
                case GTE -> ">=";
                case LT -> "<";
                case LTE -> "<=";
                default -> throw new IllegalArgumentException(op + " on metadata");
              }
              + " "
              + param(value)
              + ")";
    };
  }

  /** The value as a jsonb parameter of its JSON type. */
  private String jsonb(Object value) {
    return switch (value) {
      case String s -> "to_jsonb(cast(" + param(s) + " as text))";
      case BigDecimal d -> "to_jsonb(cast(" + param(d) + " as numeric))";
      case Boolean b -> "to_jsonb(cast(" + param(b) + " as boolean))";
      default -> throw new IllegalArgumentException("metadata value " + value);
    };
  }

  private String param(Object value) {
    params.add(value);
    return "?" + params.size();
  }

  private static OffsetDateTime time(Object value) {
    return OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
  }

  /** The parameters bound so far (for tests). */
  List<Object> params() {
    return new ArrayList<>(params);
  }
}
