package io.membank.governance.catalog.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.membank.privacy.detect.DataClass;
import java.util.Locale;
import java.util.Optional;

/**
 * How sensitive a dataset or field is, least to most; PII → confidential, financial → restricted.
 */
public enum Classification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED;

  /**
   * The level a data class requires: PII is confidential, payment data and credentials restricted.
   */
  public static Classification of(DataClass dataClass) {
    return switch (dataClass) {
      case PII -> CONFIDENTIAL;
      case FINANCIAL, CREDENTIAL -> RESTRICTED;
    };
  }

  /** The stricter of the two. */
  public Classification max(Classification other) {
    return other == null || compareTo(other) >= 0 ? this : other;
  }

  /** The lower-case wire name ({@code confidential}). */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The classification of a wire name, case-insensitive; empty when unknown. */
  public static Optional<Classification> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Classification c : values()) {
      if (c.name().equalsIgnoreCase(name.strip())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @JsonCreator
  static Classification fromJson(String name) {
    return parse(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown classification \""
                        + name
                        + "\": public, internal, confidential or"
                        + " restricted"));
  }
}
