package io.membank.graph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the graph: what one memory may add, and what one query may return. */
@ConfigMapping(prefix = "membank.graph")
public interface GraphConfig {

  /** Entities kept per memory (extra ones, lowest confidence first, are dropped). */
  @WithDefault("32")
  int maxEntitiesPerMemory();

  /** Relationships kept per memory. */
  @WithDefault("32")
  int maxRelationsPerMemory();

  /** Related memories: depth when the caller names none (1 = through a shared entity). */
  @WithDefault("2")
  int relatedDefaultDepth();

  /** Related memories returned when the caller names no limit. */
  @WithDefault("10")
  int relatedDefaultLimit();

  /** Entities in an analysis when the caller names no limit. */
  @WithDefault("50")
  int entitiesDefaultLimit();

  /** Memories drawn in a graph view when the caller names no limit. */
  @WithDefault("100")
  int graphDefaultLimit();

  /** Edges in one graph view; beyond it the view says {@code truncated}. */
  @WithDefault("2000")
  int graphMaxEdges();
}
