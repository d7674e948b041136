package io.membank.governance.vault.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The value behind a token. */
public record DetokenizeResponse(
    @Schema(description = "The token", example = "tok_9fA2kQ7xLm3p") String token,
    @Schema(description = "The kind of value behind it", example = "EMAIL") String dataType,
    @Schema(description = "The original value", example = "alice@example.com") String value) {}
