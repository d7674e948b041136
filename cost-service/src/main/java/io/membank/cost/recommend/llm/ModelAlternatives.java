package io.membank.cost.recommend.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.cost.recommend.Recommendation.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checked-in table of cheaper models ({@code recommend/model-alternatives.json}): for a model,
 * the one to try instead and the quality trade-off known of, with its source.
 */
public final class ModelAlternatives {

  /** One row of the table. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alternative(
      String provider,
      String model,
      @JsonProperty("to_provider") String toProvider,
      @JsonProperty("to_model") String toModel,
      String risk,
      String tradeoff,
      String source) {

    public Risk riskLevel() {
      return Risk.valueOf(risk.toUpperCase(Locale.ROOT));
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Table(List<Alternative> alternatives) {}

  private static final String RESOURCE = "/recommend/model-alternatives.json";

  private final List<Alternative> alternatives;

  ModelAlternatives(List<Alternative> alternatives) {
    this.alternatives = List.copyOf(alternatives);
  }

  /** The checked-in table. */
  public static ModelAlternatives load() {
    try (InputStream in = ModelAlternatives.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing");
      }
      return new ModelAlternatives(new ObjectMapper().readValue(in, Table.class).alternatives());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cheaper model to try instead of {@code provider/model}, if the table names one. */
  public Optional<Alternative> of(String provider, String model) {
    return alternatives.stream()
        .filter(a -> a.provider().equals(provider) && a.model().equals(model))
        .findFirst();
  }

  public List<Alternative> all() {
    return alternatives;
  }
}
