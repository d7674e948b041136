package io.membank.search.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.membank.search.index.Vector;
import java.util.List;

/**
 * One sentence-embedding model and the index field its vectors live in. Documents are embedded as
 * they are; queries with the model's retrieval instruction prefix (the BGE models are trained so).
 *
 * @param name model name stored with every vector
 * @param field the index field (one per model: their dimensions differ)
 * @param dimension vector length
 * @param queryPrefix prepended to queries
 * @param minSimilarity cosine similarity below which a vector match is not a match
 */
public record Embedder(
    String name,
    String field,
    int dimension,
    String queryPrefix,
    double minSimilarity,
    EmbeddingModel model) {

  /** The vector of a stored text. */
  public Vector document(String text) {
    return new Vector(field, name, model.embed(text).content().vector());
  }

  /** Vectors of many stored texts, in order (one model call). */
  public List<Vector> documents(List<String> texts) {
    return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
        .map(e -> new Vector(field, name, e.vector()))
        .toList();
  }

  /** The vector of a search query. */
  public Vector query(String text) {
    return new Vector(field, name, model.embed(queryPrefix + text).content().vector());
  }
}
