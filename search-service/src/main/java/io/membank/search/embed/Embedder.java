package io.membank.search.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.membank.search.index.Vector;
import java.util.List;

/**
 * One sentence-embedding model and the index field its vectors live in. Documents are embedded as
 * they are; queries with the model's retrieval instruction prefix (the BGE models are trained so).
 * Every answer is checked: as many vectors as texts, each of {@link #dimension()} — anything else,
 * and any failed call, is an {@link EmbeddingFailure}, so no wrong vector reaches the index.
 *
 * @param name model name stored with every vector
 * @param field the index field (one per model and dimension: a Lucene vector field has one length)
 * @param dimension vector length
 * @param queryPrefix prepended to queries
 * @param minSimilarity cosine similarity below which a vector match is not a match
 * @param model the model for stored texts
 * @param queryModel the model for queries (the same one, or a client with a shorter timeout)
 */
public record Embedder(
    String name,
    String field,
    int dimension,
    String queryPrefix,
    double minSimilarity,
    EmbeddingModel model,
    EmbeddingModel queryModel) {

  /** An embedder that uses one model for stored texts and queries alike. */
  public Embedder(
      String name,
      String field,
      int dimension,
      String queryPrefix,
      double minSimilarity,
      EmbeddingModel model) {
    this(name, field, dimension, queryPrefix, minSimilarity, model, model);
  }

  /** The vector of a stored text. */
  public Vector document(String text) {
    return documents(List.of(text)).getFirst();
  }

  /** Vectors of many stored texts, in order (one model call, or one per batch for a remote one). */
  public List<Vector> documents(List<String> texts) {
    return checked(texts.size(), call(model, texts.stream().map(TextSegment::from).toList()));
  }

  /** The vector of a search query. */
  public Vector query(String text) {
    return checked(1, call(queryModel, List.of(TextSegment.from(queryPrefix + text)))).getFirst();
  }

  private List<Embedding> call(EmbeddingModel m, List<TextSegment> segments) {
    try {
      return m.embedAll(segments).content();
    } catch (RuntimeException e) {
      throw EmbeddingFailure.of(name, e);
    }
  }

  private List<Vector> checked(int expected, List<Embedding> embeddings) {
    if (embeddings == null || embeddings.size() != expected) {
      throw new EmbeddingFailure(
          EmbeddingFailure.Kind.DIMENSION,
          "embedding model "
              + name
              + " returned "
              + (embeddings == null ? 0 : embeddings.size())
              + " vectors for "
              + expected
              + " texts",
          null);
    }
    for (Embedding e : embeddings) {
      if (e.dimension() != dimension) {
        throw new EmbeddingFailure(
            EmbeddingFailure.Kind.DIMENSION,
            "embedding model "
                + name
                + " returned a vector of "
                + e.dimension()
                + " dimensions, configured "
                + dimension
                + " (field "
                + field
                + "): fix the dimension or the model, then reindex",
            null);
      }
    }
    return embeddings.stream().map(e -> new Vector(field, name, e.vector())).toList();
  }
}
