package io.membank.graph.extract;

/**
 * A thing a memory mentions.
 *
 * @param name as written (or, for implied entities, as the knowledge table writes it)
 * @param type its kind
 * @param confidence 0..1, how sure the extractor is
 * @param context the words it was found in (bounded), or why it was implied
 */
public record ExtractedEntity(String name, EntityType type, double confidence, String context) {}
