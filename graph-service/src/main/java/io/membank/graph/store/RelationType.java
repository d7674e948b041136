package io.membank.graph.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The allow-list of relationship types the graph stores. A relationship type cannot be a Cypher
 * parameter, so these constants are the only text that ever goes into a query where a type goes;
 * whatever an extractor calls a relationship is mapped here, and anything unknown becomes {@link
 * #RELATED_TO} with the extractor's words kept as the {@code label} property (data, never query).
 */
public enum RelationType {
  PREFERS,
  DISLIKES,
  WORKS_AT,
  STUDIES_AT,
  LIVES_IN,
  KNOWS,
  PARTICIPATES_IN,
  SCHEDULED_ON,
  LOCATED_IN,
  OWNS,
  RELATED_TO;

  private static final Map<String, RelationType> SYNONYMS =
      Map.ofEntries(
          Map.entry("likes", PREFERS),
          Map.entry("like", PREFERS),
          Map.entry("loves", PREFERS),
          Map.entry("love", PREFERS),
          Map.entry("enjoys", PREFERS),
          Map.entry("prefer", PREFERS),
          Map.entry("hates", DISLIKES),
          Map.entry("dislike", DISLIKES),
          Map.entry("works_for", WORKS_AT),
          Map.entry("employed_by", WORKS_AT),
          Map.entry("work_at", WORKS_AT),
          Map.entry("studies", STUDIES_AT),
          Map.entry("student_at", STUDIES_AT),
          Map.entry("lives", LIVES_IN),
          Map.entry("live_in", LIVES_IN),
          Map.entry("resides_in", LIVES_IN),
          Map.entry("moved_to", LIVES_IN),
          Map.entry("knows", KNOWS),
          Map.entry("friend", KNOWS),
          Map.entry("best_friend", KNOWS),
          Map.entry("colleague", KNOWS),
          Map.entry("coworker", KNOWS),
          Map.entry("boss", KNOWS),
          Map.entry("manager", KNOWS),
          Map.entry("wife", KNOWS),
          Map.entry("husband", KNOWS),
          Map.entry("partner", KNOWS),
          Map.entry("brother", KNOWS),
          Map.entry("sister", KNOWS),
          Map.entry("mother", KNOWS),
          Map.entry("mom", KNOWS),
          Map.entry("father", KNOWS),
          Map.entry("dad", KNOWS),
          Map.entry("son", KNOWS),
          Map.entry("daughter", KNOWS),
          Map.entry("girlfriend", KNOWS),
          Map.entry("boyfriend", KNOWS),
          Map.entry("roommate", KNOWS),
          Map.entry("teacher", KNOWS),
          Map.entry("met", KNOWS),
          Map.entry("attends", PARTICIPATES_IN),
          Map.entry("participates", PARTICIPATES_IN),
          Map.entry("scheduled", SCHEDULED_ON),
          Map.entry("on_date", SCHEDULED_ON),
          Map.entry("located", LOCATED_IN),
          Map.entry("part_of", LOCATED_IN),
          Map.entry("owner_of", OWNS),
          Map.entry("朋友", KNOWS),
          Map.entry("好朋友", KNOWS),
          Map.entry("同事", KNOWS),
          Map.entry("老板", KNOWS),
          Map.entry("喜欢", PREFERS),
          Map.entry("工作于", WORKS_AT),
          Map.entry("住在", LIVES_IN),
          Map.entry("参加", PARTICIPATES_IN));

  /**
   * The type an extractor's label stands for ("works at", "WORKS_AT", "friend"); else RELATED_TO.
   */
  public static RelationType fromLabel(String label) {
    if (label == null) {
      return RELATED_TO;
    }
    String s = label.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    for (RelationType t : values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(s)) {
        return t;
      }
    }
    return SYNONYMS.getOrDefault(s, RELATED_TO);
  }

  /** {@code PREFERS|DISLIKES|…}: every type, for a relationship pattern (our constants only). */
  public static String cypherAlternatives() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining("|"));
  }
}
