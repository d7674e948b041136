package io.membank.governance.vault.api;

/** The value behind a token. */
public record DetokenizeResponse(String token, String dataType, String value) {}
