package io.membank.search.index;

/**
 * An embedding and where it belongs.
 *
 * @param field the index field of its model
 * @param model the model that made it
 * @param values the vector
 */
public record Vector(String field, String model, float[] values) {}
