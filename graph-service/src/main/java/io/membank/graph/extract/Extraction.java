package io.membank.graph.extract;

import java.util.List;

/**
 * Entities and relationships found in one memory.
 *
 * @param entities what the memory mentions
 * @param relations what it states about them (endpoints name entities of {@code entities}, or the
 *     user)
 * @param usage the model call behind it, or {@code null} when no model was called
 */
public record Extraction(
    List<ExtractedEntity> entities, List<ExtractedRelation> relations, ModelUsage usage) {

  public Extraction {
    entities = List.copyOf(entities);
    relations = List.copyOf(relations);
  }
}
