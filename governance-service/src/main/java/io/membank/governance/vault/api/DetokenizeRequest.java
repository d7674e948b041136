package io.membank.governance.vault.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A token as written in a protected text, without the brackets and type: {@code tok_…}. */
public record DetokenizeRequest(
    @NotNull @Pattern(regexp = "tok_[A-Za-z0-9_-]{8,64}") String token) {}
