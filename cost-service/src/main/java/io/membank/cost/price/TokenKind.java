package io.membank.cost.price;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a price is per million of. */
public enum TokenKind {
  @JsonProperty("input")
  INPUT("input"),
  @JsonProperty("cached_input")
  CACHED_INPUT("cached_input"),
  @JsonProperty("output")
  OUTPUT("output");

  private final String column;

  TokenKind(String column) {
    this.column = column;
  }

  /** The value stored in {@code price.token_kind}. */
  public String stored() {
    return column;
  }

  /** The kind stored as {@code value}. */
  public static TokenKind ofStored(String value) {
    for (TokenKind k : values()) {
      if (k.column.equals(value)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown token kind " + value);
  }
}
