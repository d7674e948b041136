package io.membank.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code membank.llm.*} keys every service that calls a model reads: which extractor runs, and
 * the OpenAI-compatible endpoint when it is a model.
 */
@ConfigMapping(prefix = "membank.llm")
public interface LlmConfig {
  /** {@code builtin} (offline, default) or {@code openai} (any OpenAI-compatible server). */
  @WithName("extractor")
  @WithDefault("builtin")
  String extractor();

  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama), a vLLM server. */
  Optional<URI> baseUrl();

  @WithDefault("gpt-4o-mini")
  String model();

  /** Bearer key; from a Secret in production, never in a file of the repository. */
  Optional<String> apiKey();

  @WithDefault("30s")
  Duration timeout();

  @WithDefault("2")
  int maxRetries();

  /** Provider name in usage records and metrics (openai, vllm, ollama, …). */
  @WithDefault("openai")
  String provider();

  /** The chat client's settings; fails clearly when no base URL is configured. */
  default ChatSettings chatSettings() {
    return new ChatSettings(
        baseUrl()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "membank.llm.base-url is required when membank.llm.extractor=openai")),
        model(),
        apiKey(),
        timeout(),
        maxRetries(),
        provider());
  }
}
