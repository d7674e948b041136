package io.membank.search.index.qdrant;

import io.membank.search.index.TextTerms;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.StringHelper;

/**
 * The keyword side in Qdrant: a text as a sparse vector over the same terms as Lucene's ({@link
 * TextTerms}). Each term is a dimension (a 32-bit murmur3 hash of the term); a stored memory weighs
 * its terms by BM25's saturated term frequency with length normalisation, a query weighs each of
 * its terms 1, and the collection's IDF modifier multiplies in the inverse document frequency — so
 * the dot product Qdrant ranks by is BM25.
 */
final class SparseText {

  /** BM25 term-frequency saturation. */
  static final double K1 = 1.2;

  /** BM25 length normalisation. */
  static final double B = 0.75;

  /** A sparse vector: parallel dimensions and weights, dimensions distinct. */
  record Sparse(List<Integer> indices, List<Float> values) {}

  private final double averageLength;

  SparseText(double averageLength) {
    if (!(averageLength > 0)) {
      throw new IllegalArgumentException("membank.search.qdrant.bm25-average-length must be > 0");
    }
    this.averageLength = averageLength;
  }

  /** The stored side of a memory's content; null when it has no term. */
  Sparse document(String content) {
    List<String> tokens = TextTerms.document(content);
    Map<Integer, Double> tf = new LinkedHashMap<>();
    for (String token : tokens) {
      tf.merge(dimension(token), 1.0, Double::sum);
    }
    double norm = K1 * (1 - B + B * tokens.size() / averageLength);
    Map<Integer, Double> weights = new LinkedHashMap<>();
    tf.forEach((dim, f) -> weights.put(dim, f * (K1 + 1) / (f + norm)));
    return sparse(weights);
  }

  /** The query side: each distinct query term weighs 1; null when the text has no term. */
  Sparse query(String text) {
    return query(TextTerms.query(text));
  }

  /** The query side of terms already extracted. */
  static Sparse query(Collection<String> terms) {
    Map<Integer, Double> weights = new LinkedHashMap<>();
    for (String term : terms) {
      weights.put(dimension(term), 1.0); // two terms on one hash count once
    }
    return sparse(weights);
  }

  /** The dimension of a term: its murmur3 hash (collisions merge two terms; rare at 2^32). */
  static int dimension(String term) {
    byte[] bytes = term.getBytes(StandardCharsets.UTF_8);
    return StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, 0);
  }

  private static Sparse sparse(Map<Integer, Double> weights) {
    if (weights.isEmpty()) {
      return null;
    }
    List<Integer> indices = new ArrayList<>(weights.size());
    List<Float> values = new ArrayList<>(weights.size());
    weights.forEach(
        (dim, w) -> {
          indices.add(dim);
          values.add(w.floatValue());
        });
    return new Sparse(indices, values);
  }
}
