package io.membank.contracts.filter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Comparison operators of the filter language; the wire name is the lower-case name. */
public enum FilterOperator {
  EQ,
  NE,
  GT,
  GTE,
  LT,
  LTE,
  /** Any of a list of values. */
  IN,
  /** None of a list of values. */
  NIN,
  /** Text containing the value, case-sensitive. */
  CONTAINS,
  /** Text containing the value, ignoring case. */
  ICONTAINS;

  /** The name in a request ({@code gte}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the operator takes a list of values. */
  public boolean takesList() {
    return this == IN || this == NIN;
  }

  /** Whether the operator orders values (and so needs a time or a number). */
  public boolean isOrdering() {
    return this == GT || this == GTE || this == LT || this == LTE;
  }

  /** The operator of a wire name, exactly (operators are lower-case). */
  public static Optional<FilterOperator> fromWire(String name) {
    return Arrays.stream(values()).filter(o -> o.wireName().equals(name)).findFirst();
  }
}
