package io.membank.search.index.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The keyword side's sparse vectors: BM25 term weights on the analyzer's terms. */
class SparseTextTest {

  final SparseText sparse = new SparseText(12);

  static float weight(SparseText.Sparse s, String term) {
    int i = s.indices().indexOf(SparseText.dimension(term));
    return i < 0 ? 0 : s.values().get(i);
  }

  @Test
  void queriesWeighEachContentTermOnceWithoutQuestionWords() {
    SparseText.Sparse q = sparse.query("What tea do I drink? tea!");
    assertThat(q.indices())
        .containsExactlyInAnyOrder(SparseText.dimension("tea"), SparseText.dimension("drink"));
    assertThat(q.values()).containsOnly(1f);
    assertThat(sparse.query("?!")).isNull();
  }

  @Test
  void repeatsWeighMoreButSaturateAndLongTextsWeighLess() {
    SparseText.Sparse once = sparse.document("green tea");
    SparseText.Sparse twice = sparse.document("green tea tea");
    SparseText.Sparse longer = sparse.document("green tea with lemon honey mint ginger and milk");
    assertThat(weight(twice, "tea")).isGreaterThan(weight(once, "tea"));
    assertThat(weight(twice, "tea")).isLessThan(2 * weight(once, "tea"));
    assertThat(weight(longer, "tea")).isLessThan(weight(once, "tea"));
    assertThat(once.indices()).doesNotHaveDuplicates();
  }

  @Test
  void chineseIsCharactersAndBigrams() {
    SparseText.Sparse doc = sparse.document("我喜欢喝绿茶");
    assertThat(weight(doc, "茶")).isPositive();
    assertThat(weight(doc, "绿茶")).isPositive();
    assertThat(sparse.document("")).isNull();
  }
}
