package io.membank.cost.price;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One version of the price of a provider / model / token kind, from an instant on. */
public record Price(
    String provider,
    String model,
    TokenKind tokenKind,
    BigDecimal usdPerMillion,
    OffsetDateTime effectiveFrom,
    String source,
    String createdBy,
    OffsetDateTime createdAt) {}
