package io.membank.governance.export.service;

import java.util.List;
import java.util.Set;

/**
 * One file of a bundle and the service it comes from: the service answers {@code GET
 * /internal/v1/subjects/{user_id}/export/{name}?limit=&cursor=} (service credential) with {@code
 * {"items": [...], "next_cursor": ..., "total": n}}; {@code catalogIds} are the catalog datasets
 * the file's records come from.
 */
public record Source(String name, String file, String service, List<String> catalogIds) {

  /** Every source, in the order a bundle is written. */
  public static final List<Source> ALL =
      List.of(
          new Source(
              "memories",
              "memories.json",
              "memory",
              List.of(
                  "postgres:membank_memory.memories", "postgres:membank_memory.memory_history")),
          new Source(
              "graph",
              "graph.json",
              "graph",
              List.of(
                  "neo4j-label:User",
                  "neo4j-label:Memory",
                  "neo4j-label:Entity",
                  "neo4j-rel:HAS_MEMORY",
                  "neo4j-rel:MENTIONS")),
          new Source(
              "audit",
              "audit.json",
              "audit",
              List.of("postgres:membank_audit.audit_record", "postgres:membank_audit.subject_key")),
          new Source("usage", "usage.json", "cost", List.of("postgres:membank_cost.usage_event")));

  /** The sources of these names, in bundle order; an unknown name is a configuration error. */
  public static List<Source> named(List<String> names) {
    Set<String> known = Set.of("memories", "graph", "audit", "usage");
    for (String n : names) {
      if (!known.contains(n)) {
        throw new IllegalArgumentException(
            "membank.governance.export.sources: unknown source " + n + ", known: " + known);
      }
    }
    return ALL.stream().filter(s -> names.contains(s.name())).toList();
  }
}
