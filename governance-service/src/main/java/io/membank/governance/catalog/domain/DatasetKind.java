package io.membank.governance.catalog.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The kind of store a dataset lives in; each kind has the prefix of its datasets' ids. */
public enum DatasetKind {
  POSTGRES_TABLE("postgres"),
  LUCENE_INDEX("lucene"),
  NEO4J_LABEL("neo4j-label"),
  NEO4J_RELATIONSHIP("neo4j-rel"),
  REDIS_KEYSPACE("redis"),
  KAFKA_TOPIC("kafka");

  private final String idPrefix;

  DatasetKind(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /**
   * The dataset id: {@code postgres:<database>.<table>} (table names repeat across databases, the
   * outbox for one), else {@code <prefix>:<name>}.
   */
  public String idOf(String store, String name) {
    return this == POSTGRES_TABLE ? idPrefix + ":" + store + "." + name : idPrefix + ":" + name;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of a wire name, case-insensitive; empty when unknown. */
  public static Optional<DatasetKind> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (DatasetKind k : values()) {
      if (k.name().equalsIgnoreCase(name.strip())) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  @JsonCreator
  static DatasetKind fromJson(String name) {
    return parse(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown dataset kind \"" + name + "\""));
  }
}
