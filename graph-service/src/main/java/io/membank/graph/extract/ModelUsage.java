package io.membank.graph.extract;

/**
 * What one model call cost, for {@code llm.usage} and the LLM metrics.
 *
 * @param provider e.g. openai, vllm, ollama
 * @param model model name
 * @param tokensIn prompt tokens (failed attempts included: they are billed too)
 * @param tokensOut completion tokens
 * @param attempts HTTP calls it took
 * @param latencyMillis wall time of all attempts
 * @param fallback why the built-in extractor stood in, or {@code null} when the model answered
 * @param promptHash SHA-256 of the prompt sent ({@code io.membank.llm.PromptHash}), or null
 */
public record ModelUsage(
    String provider,
    String model,
    long tokensIn,
    long tokensOut,
    int attempts,
    long latencyMillis,
    String fallback,
    String promptHash) {

  /** A usage without a prompt hash. */
  public ModelUsage(
      String provider,
      String model,
      long tokensIn,
      long tokensOut,
      int attempts,
      long latencyMillis,
      String fallback) {
    this(provider, model, tokensIn, tokensOut, attempts, latencyMillis, fallback, null);
  }

  /** Whether the model's answer was used. */
  public boolean succeeded() {
    return fallback == null;
  }
}
