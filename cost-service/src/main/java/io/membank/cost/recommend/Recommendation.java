package io.membank.cost.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One way to spend less, with the evidence it rests on and what it would save in a 30-day month.
 *
 * @param id stable while the evidence names the same thing (kind, type and subject)
 * @param type what to do: {@link LlmType} or {@link CloudType}, in wire form
 * @param subject what it is about: {@code operation/provider/model} or a deployment / volume
 * @param detail what to do and the trade-off known of
 * @param apply how to apply it through the API, or null when a person must do it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendation(
    @Schema(
            description = "Stable while the evidence names the same thing (kind, type, subject)",
            example = "llm-cheaper_model-3f9a1c2b")
        String id,
    @Schema(description = "llm (the ledger) or cloud (Prometheus and a price catalogue)") Kind kind,
    @Schema(
            description =
                "What to do: cheaper_model, batching, caching, prompt_efficiency (llm); unused,"
                    + " right_size_cpu, right_size_memory, idle_replicas, spot, storage (cloud)",
            example = "cheaper_model")
        String type,
    @Schema(
            description = "What it is about: operation/provider/model, or a deployment or volume",
            example = "extract/openai/gpt-4o")
        String subject,
    @Schema(description = "One line saying what to do", example = "Extract with gpt-4o-mini")
        String title,
    @Schema(
            description = "What to do and the trade-off known of",
            example =
                "gpt-4o-mini extracts facts at about a fifteenth of the price; the providers'"
                    + " published benchmarks show a small quality loss on long contexts")
        String detail,
    @Schema(description = "What it was computed from") Evidence evidence,
    @Schema(description = "Estimated saving over a 30-day month, in USD", example = "56.40")
        BigDecimal monthlySavingsUsd,
    @Schema(description = "low, medium or high") Risk risk,
    @Schema(description = "How to apply it through the API; absent when a person must do it")
        Apply apply) {

  /** LLM spend (the ledger) or cloud spend (Prometheus and a price catalogue). */
  public enum Kind {
    LLM,
    CLOUD;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How likely applying it is to hurt (quality, latency, availability). */
  public enum Risk {
    LOW,
    MEDIUM,
    HIGH;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The LLM recommendation types. */
  public enum LlmType {
    CHEAPER_MODEL,
    BATCHING,
    CACHING,
    PROMPT_EFFICIENCY;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The cloud recommendation types. */
  public enum CloudType {
    UNUSED,
    RIGHT_SIZE_CPU,
    RIGHT_SIZE_MEMORY,
    SPOT,
    STORAGE,
    IDLE_REPLICAS;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What the recommendation was computed from.
   *
   * @param queries the SQL or PromQL run (parameters in {@code figures})
   * @param window the period read
   * @param figures the numbers it rests on, in the order they explain it
   */
  public record Evidence(
      @Schema(description = "The SQL or PromQL run (parameters in figures)") List<String> queries,
      @Schema(description = "The period read", example = "P30D") String window,
      @Schema(description = "The numbers it rests on, in the order they explain it")
          Map<String, Object> figures) {}

  /**
   * An action the API can carry out ({@code POST /api/v1/cost/recommendations/{id}/apply}).
   *
   * @param action e.g. {@code set_cpu_request}, {@code scale}
   * @param target the Kubernetes object changed, {@code namespace/Deployment/name}
   * @param parameters the new value(s)
   */
  public record Apply(
      @Schema(description = "What the API would do", example = "set_cpu_request") String action,
      @Schema(
              description = "The Kubernetes object changed: namespace/Deployment/name",
              example = "membank/Deployment/memory-service")
          String target,
      @Schema(description = "The new value(s)") Map<String, Object> parameters) {}

  /** A stable id from what the recommendation is about. */
  public static String idOf(Kind kind, String type, String subject) {
    String prefix = kind.wire();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((prefix + "|" + type + "|" + subject).getBytes(StandardCharsets.UTF_8));
      return prefix + "-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Dollars to the cent, for the wire. */
  public static BigDecimal usd(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  /** Dollars to the cent, for the wire. */
  public static BigDecimal usd(double value) {
    return usd(BigDecimal.valueOf(value));
  }
}
