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
 */
public record ModelUsage(
    String provider,
    String model,
    long tokensIn,
    long tokensOut,
    int attempts,
    long latencyMillis,
    String fallback) {

  /** Whether the model's answer was used. */
  public boolean succeeded() {
    return fallback == null;
  }
}
