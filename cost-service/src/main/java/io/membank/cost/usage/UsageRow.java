package io.membank.cost.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One group of a usage report; dimensions not grouped by are absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRow(
    @Schema(description = "The hour (when grouped by hour)", example = "2026-12-04T07:00:00Z")
        OffsetDateTime hour,
    @Schema(description = "The UTC day (when grouped by day)", example = "2026-12-04T00:00:00Z")
        OffsetDateTime day,
    @Schema(
            description = "The service that made the calls (when grouped by service)",
            example = "memory-service")
        String service,
    @Schema(description = "The operation (when grouped by operation)", example = "extract")
        String operation,
    @Schema(description = "The model provider (when grouped by provider)", example = "openai")
        String provider,
    @Schema(description = "The model (when grouped by model)", example = "gpt-4o-mini")
        String model,
    @Schema(description = "Model calls", example = "12") long calls,
    @Schema(description = "Tokens sent", example = "5400") long tokensIn,
    @Schema(description = "Tokens received", example = "800") long tokensOut,
    @Schema(description = "USD spent", example = "0.0013") BigDecimal costUsd) {

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
