package io.membank.governance.vault.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A token as written in a protected text, without the brackets and type: {@code tok_…}. */
public record DetokenizeRequest(
    @Schema(
            description = "A token of the caller's tenant, as a tokenize action wrote it",
            example = "tok_9fA2kQ7xLm3p")
        @NotNull
        @Pattern(regexp = "tok_[A-Za-z0-9_-]{8,64}")
        String token) {}
