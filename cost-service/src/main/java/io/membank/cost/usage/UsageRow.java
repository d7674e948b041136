package io.membank.cost.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One group of a usage report; dimensions not grouped by are absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRow(
    OffsetDateTime hour,
    OffsetDateTime day,
    String service,
    String operation,
    String provider,
    String model,
    long calls,
    long tokensIn,
    long tokensOut,
    BigDecimal costUsd) {

  /** The value of a dimension, for CSV. */
  public Object value(GroupBy g) {
    return switch (g) {
      case HOUR -> hour;
      case DAY -> day;
      case SERVICE -> service;
      case OPERATION -> operation;
      case PROVIDER -> provider;
      case MODEL -> model;
    };
  }
}
