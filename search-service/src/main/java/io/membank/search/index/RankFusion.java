package io.membank.search.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion of a keyword and a vector ranking: score = Σ weight / (k + rank),
 * rank counted from 1 ({@link SearchConfig.Hybrid}). Every store fuses the same way.
 */
public final class RankFusion {

  /** One fused result. */
  public record Ranked<K>(K key, double score) {}

  private RankFusion() {}

  /** The keys of both rankings by fused score, best first (ties: keyword order, then vector). */
  public static <K> List<Ranked<K>> fuse(
      List<K> keyword, List<K> vector, SearchConfig.Hybrid hybrid) {
    int k = hybrid.rrfK();
    Map<K, Double> fused = new LinkedHashMap<>();
    for (int rank = 0; rank < keyword.size(); rank++) {
      fused.merge(keyword.get(rank), hybrid.keywordWeight() / (k + rank + 1), Double::sum);
    }
    for (int rank = 0; rank < vector.size(); rank++) {
      fused.merge(vector.get(rank), hybrid.vectorWeight() / (k + rank + 1), Double::sum);
    }
    return fused.entrySet().stream()
        .sorted(Map.Entry.<K, Double>comparingByValue().reversed())
        .map(e -> new Ranked<>(e.getKey(), e.getValue()))
        .toList();
  }
}
