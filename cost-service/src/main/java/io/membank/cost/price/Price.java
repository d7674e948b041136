package io.membank.cost.price;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One version of the price of a provider / model / token kind, from an instant on. */
public record Price(
    @Schema(description = "The model provider", example = "openai") String provider,
    @Schema(description = "The model (* for every model of the provider)", example = "gpt-4o-mini")
        String model,
    @Schema(description = "input, cached_input or output", example = "input") TokenKind tokenKind,
    @Schema(description = "The price in USD per million tokens", example = "0.15")
        BigDecimal usdPerMillion,
    @Schema(description = "From when the price holds", example = "2026-01-01T00:00:00Z")
        OffsetDateTime effectiveFrom,
    @Schema(
            description = "Where the price comes from (seed file, admin, ...)",
            example = "seed",
            nullable = true)
        String source,
    @Schema(description = "Who added the price", example = "admin", nullable = true)
        String createdBy,
    @Schema(
            description =
                "When the price was added (the store stamps it: null in the answer to the POST"
                    + " that adds it)",
            example = "2026-01-01T00:00:00Z",
            nullable = true)
        OffsetDateTime createdAt) {}
