package io.membank.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to call an OpenAI-compatible chat endpoint.
 *
 * @param baseUrl e.g. {@code https://api.openai.com/v1}, {@code http://localhost:11434/v1} (Ollama)
 *     or a vLLM server; {@code /chat/completions} is appended
 * @param model model name as the server knows it
 * @param apiKey bearer key, if the server wants one (never logged)
 * @param timeout bound on one HTTP call
 * @param maxRetries retries after the first attempt, on 429, 5xx, I/O errors and malformed output
 * @param providerName what usage records call this provider (e.g. openai, vllm, ollama)
 */
public record ChatSettings(
    URI baseUrl,
    String model,
    Optional<String> apiKey,
    Duration timeout,
    int maxRetries,
    String providerName) {

  public ChatSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeout, "timeout");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
  }

  /** The same endpoint and limits with another model (a budget's cheaper model). */
  public ChatSettings withModel(String otherModel) {
    return new ChatSettings(baseUrl, otherModel, apiKey, timeout, maxRetries, providerName);
  }
}
