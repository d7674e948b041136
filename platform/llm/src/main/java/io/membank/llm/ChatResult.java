package io.membank.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A structured answer and what it cost.
 *
 * @param content the model's JSON answer, parsed
 * @param tokensIn prompt tokens the server reported
 * @param tokensOut completion tokens the server reported
 * @param attempts HTTP calls it took (1 without retries)
 * @param latencyMillis wall time of all attempts
 */
public record ChatResult(
    JsonNode content, long tokensIn, long tokensOut, int attempts, long latencyMillis) {}
