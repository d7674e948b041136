package io.membank.memory.extract;

import java.util.List;

/**
 * What an extractor produced for one exchange, with what the model calls cost.
 *
 * @param candidates proposed facts, in order of appearance
 * @param provider "builtin" or the configured provider name
 * @param model model name ("rules" for the built-in extractor)
 * @param tokensIn prompt tokens used (0 for the built-in extractor)
 * @param tokensOut completion tokens used
 */
public record Extraction(
    List<Candidate> candidates, String provider, String model, long tokensIn, long tokensOut) {}
