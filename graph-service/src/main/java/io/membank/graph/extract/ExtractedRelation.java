package io.membank.graph.extract;

/**
 * A relationship a memory states. {@code label} is free text as the extractor found it ("works at",
 * "friend", or whatever a model answered); the graph maps it onto its allow-list of types.
 *
 * @param source name of the source entity, or {@code null} for the user the memory is about
 * @param label the relationship as the extractor named it
 * @param target name of the target entity
 * @param strength 0..1
 */
public record ExtractedRelation(String source, String label, String target, double strength) {

  /** A relationship from the user the memory is about. */
  public static ExtractedRelation fromUser(String label, String target, double strength) {
    return new ExtractedRelation(null, label, target, strength);
  }

  /** Whether the source is the user rather than an entity. */
  public boolean fromUser() {
    return source == null;
  }
}
