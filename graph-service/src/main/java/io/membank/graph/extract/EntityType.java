package io.membank.graph.extract;

import java.util.Locale;
import java.util.Map;

/** The kinds of entity the graph knows; anything an extractor names otherwise is a concept. */
public enum EntityType {
  PERSON,
  ORGANIZATION,
  PLACE,
  PRODUCT,
  EVENT,
  DATE,
  CONCEPT;

  private static final Map<String, EntityType> SYNONYMS =
      Map.ofEntries(
          Map.entry("org", ORGANIZATION),
          Map.entry("organisation", ORGANIZATION),
          Map.entry("company", ORGANIZATION),
          Map.entry("employer", ORGANIZATION),
          Map.entry("school", ORGANIZATION),
          Map.entry("location", PLACE),
          Map.entry("city", PLACE),
          Map.entry("country", PLACE),
          Map.entry("meeting", EVENT),
          Map.entry("activity", EVENT),
          Map.entry("time", DATE),
          Map.entry("food", PRODUCT),
          Map.entry("drink", PRODUCT),
          Map.entry("brand", ORGANIZATION),
          Map.entry("people", PERSON));

  /** The name stored in the graph and shown on the wire ({@code organization}, …). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type an extractor's free-text type stands for; unknown ones are {@link #CONCEPT}. */
  public static EntityType of(String raw) {
    if (raw == null) {
      return CONCEPT;
    }
    String s = raw.strip().toLowerCase(Locale.ROOT);
    for (EntityType t : values()) {
      if (t.wireName().equals(s)) {
        return t;
      }
    }
    return SYNONYMS.getOrDefault(s, CONCEPT);
  }
}
