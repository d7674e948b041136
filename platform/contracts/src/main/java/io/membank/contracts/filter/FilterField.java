package io.membank.contracts.filter;

import java.util.EnumSet;
import java.util.Set;

/** The fields a filter may name, each with the operators its kind of value allows. */
public enum FilterField {
  CREATED_AT("created_at", Kind.TIME),
  UPDATED_AT("updated_at", Kind.TIME),
  OCCURRED_AT("occurred_at", Kind.TIME),
  IMPORTANCE("importance", Kind.NUMBER),
  CONTENT("content", Kind.TEXT),
  TYPE("type", Kind.KEYWORD),
  ENTITIES("entities", Kind.KEYWORD),
  AGENT_ID("agent_id", Kind.KEYWORD),
  SESSION_ID("session_id", Kind.KEYWORD),
  METADATA("metadata", Kind.METADATA);

  /** What kind of value a field holds, which decides its operators. */
  public enum Kind {
    TIME(
        EnumSet.of(
            FilterOperator.EQ,
            FilterOperator.NE,
            FilterOperator.GT,
            FilterOperator.GTE,
            FilterOperator.LT,
            FilterOperator.LTE)),
    NUMBER(
        EnumSet.of(
            FilterOperator.EQ,
            FilterOperator.NE,
            FilterOperator.GT,
            FilterOperator.GTE,
            FilterOperator.LT,
            FilterOperator.LTE,
            FilterOperator.IN,
            FilterOperator.NIN)),
    TEXT(
        EnumSet.of(
            FilterOperator.EQ,
            FilterOperator.NE,
            FilterOperator.CONTAINS,
            FilterOperator.ICONTAINS)),
    KEYWORD(
        EnumSet.of(FilterOperator.EQ, FilterOperator.NE, FilterOperator.IN, FilterOperator.NIN)),
    METADATA(EnumSet.allOf(FilterOperator.class));

    private final Set<FilterOperator> operators;

    Kind(Set<FilterOperator> operators) {
      this.operators = operators;
    }

    /** Operators allowed on a field of this kind. */
    public Set<FilterOperator> operators() {
      return operators;
    }
  }

  private final String wireName;
  private final Kind kind;

  FilterField(String wireName, Kind kind) {
    this.wireName = wireName;
    this.kind = kind;
  }

  /** The name in a request. */
  public String wireName() {
    return wireName;
  }

  public Kind kind() {
    return kind;
  }
}
