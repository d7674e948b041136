package io.membank.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Precision and recall on the labelled corpus: a detector regression fails the build. */
class DetectorQualityTest {

  private static Corpus corpus;
  private static Scores scores;

  @BeforeAll
  static void score() {
    corpus = Corpus.load();
    scores = Scores.of(corpus, Scanner.defaults());
    System.out.println(scores.table());
    System.out.print(scores.errors);
  }

  @Test
  void the_corpus_has_600_sentences_in_english_and_chinese_with_hard_negatives() {
    assertThat(corpus.sentences()).hasSizeGreaterThanOrEqualTo(600);
    assertThat(corpus.sentences()).anyMatch(s -> s.language().equals("zh"));
    assertThat(corpus.sentences().stream().filter(s -> s.gold().isEmpty()).count())
        .isGreaterThanOrEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(DataType.class)
  void every_structured_type_reaches_precision_and_recall_of_095(DataType type) {
    Scores.Count count = scores.byType.get(type);
    assertThat(count.gold()).as("gold values of %s", type).isGreaterThanOrEqualTo(20);
    if (type.structured()) {
      assertThat(count.precision()).as("precision of %s", type).isGreaterThanOrEqualTo(0.95);
      assertThat(count.recall()).as("recall of %s", type).isGreaterThanOrEqualTo(0.95);
    } else {
      // Best-effort types: floors a little under what we measure, so a regression still shows.
      assertThat(count.precision()).as("precision of %s", type).isGreaterThanOrEqualTo(0.8);
      assertThat(count.recall()).as("recall of %s", type).isGreaterThanOrEqualTo(0.6);
    }
  }
}
