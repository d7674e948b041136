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
 * @param modelCalls HTTP calls made to a model (0 for the built-in extractor)
 * @param latencyMillis time spent waiting for the model
 * @param fallback why the built-in extractor stood in for a failed model, or null
 * @param promptHash SHA-256 of the prompt sent to the model ({@code io.membank.llm.PromptHash}), or
 *     null when no model was called
 */
public record Extraction(
    List<Candidate> candidates,
    String provider,
    String model,
    long tokensIn,
    long tokensOut,
    int modelCalls,
    long latencyMillis,
    String fallback,
    String promptHash) {

  /** An extraction without a prompt hash. */
  public Extraction(
      List<Candidate> candidates,
      String provider,
      String model,
      long tokensIn,
      long tokensOut,
      int modelCalls,
      long latencyMillis,
      String fallback) {
    this(
        candidates,
        provider,
        model,
        tokensIn,
        tokensOut,
        modelCalls,
        latencyMillis,
        fallback,
        null);
  }

  /** An extraction that called no model. */
  public static Extraction offline(List<Candidate> candidates, String provider, String model) {
    return new Extraction(candidates, provider, model, 0, 0, 0, 0, null);
  }
}
