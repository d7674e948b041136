package io.membank.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.filter.FilterField;
import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterOperator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on the Lucene index ({@link MemoryIndex}), in a fresh directory per test, plus
 * what only this store answers: text contains, nested metadata paths and metadata order.
 */
class LuceneMemoryStoreContractTest extends MemoryStoreContract {

  @TempDir Path dir;

  @Override
  protected MemoryStore open(SearchConfig.Hybrid hybrid) {
    return MemoryIndex.open(dir.resolve("index"), hybrid);
  }

  @Test
  void theSourceTextIsAFieldOfItsOwnThatSaysItMatchedAndCanBeLeftOut() {
    store.apply(
        memory(A, "u-1", "Melanie painted a lake sunrise last year (2022).")
            .source("Yeah, I painted that lake sunrise last year! It's special to me.")
            .build(),
        null);
    store.apply(
        memory(A, "u-1", "Caroline: Thanks, Mel! See you at the pottery class.")
            .type("episode")
            .build(),
        null);
    store.apply(memory(A, "u-1", "Melanie keeps a special lake journal.").build(), null);
    store.commit();

    // "special" is in one memory's content and another's source: the content match ranks first.
    List<IndexedMemory> special = store.search(query(A, "u-1", "special lake").build());
    assertThat(contents(special))
        .containsExactly(
            "Melanie keeps a special lake journal.",
            "Melanie painted a lake sunrise last year (2022).");
    assertThat(special.get(0).match().fields()).containsExactly("content");
    assertThat(special.get(1).match().fields()).containsExactly("content", "source");
    // Found by its message's words alone.
    List<IndexedMemory> bySource = store.search(query(A, "u-1", "yeah").build());
    assertThat(contents(bySource))
        .containsExactly("Melanie painted a lake sunrise last year (2022).");
    assertThat(bySource.get(0).match().fields()).containsExactly("source");
    // An episode (a message no fact came from) is an answer too.
    assertThat(contents(store.search(query(A, "u-1", "pottery").build())))
        .containsExactly("Caroline: Thanks, Mel! See you at the pottery class.");

    // Left out: neither the source text nor episodes answer.
    assertThat(store.search(query(A, "u-1", "yeah").withoutSources().build())).isEmpty();
    assertThat(store.search(query(A, "u-1", "pottery").withoutSources().build())).isEmpty();
    assertThat(contents(store.search(query(A, "u-1", "special lake").withoutSources().build())))
        .containsExactly(
            "Melanie keeps a special lake journal.",
            "Melanie painted a lake sunrise last year (2022).");
  }

  private List<String> tea(FilterNode filter) {
    return contents(store.search(query(A, "u-1", "tea").filter(filter).build()));
  }

  private void teas() {
    store.apply(
        memory(A, "u-1", "Green tea in Kyoto")
            .metadata(Map.of("trip", Map.of("city", "Kyoto", "days", 4), "tags", List.of("Asia")))
            .build(),
        null);
    store.apply(
        memory(A, "u-1", "black tea* at home")
            .metadata(Map.of("trip", Map.of("city", "none", "days", 0)))
            .build(),
        null);
    store.commit();
  }

  private static FilterNode meta(String path, FilterOperator op, Object value) {
    return new FilterNode.Condition(
        FilterField.METADATA, List.of(path.split("\\.")), op, List.of(value));
  }

  @Test
  void contentContainsIsCaseSensitiveAndIcontainsIsNot() {
    teas();
    assertThat(tea(cond(FilterField.CONTENT, FilterOperator.CONTAINS, "Green")))
        .containsExactly("Green tea in Kyoto");
    assertThat(tea(cond(FilterField.CONTENT, FilterOperator.CONTAINS, "green"))).isEmpty();
    assertThat(tea(cond(FilterField.CONTENT, FilterOperator.ICONTAINS, "GREEN")))
        .containsExactly("Green tea in Kyoto");
    // Wildcard characters in a value are literal.
    assertThat(tea(cond(FilterField.CONTENT, FilterOperator.CONTAINS, "tea*")))
        .containsExactly("black tea* at home");
  }

  @Test
  void nestedMetadataPathsCompareByValueAndOrder() {
    teas();
    assertThat(tea(meta("trip.city", FilterOperator.EQ, "Kyoto")))
        .containsExactly("Green tea in Kyoto");
    assertThat(tea(meta("trip.city", FilterOperator.ICONTAINS, "kyo")))
        .containsExactly("Green tea in Kyoto");
    assertThat(tea(meta("trip.days", FilterOperator.GT, new BigDecimal("1"))))
        .containsExactly("Green tea in Kyoto");
    assertThat(tea(meta("trip.days", FilterOperator.EQ, new BigDecimal("4.0"))))
        .containsExactly("Green tea in Kyoto");
    assertThat(tea(meta("tags", FilterOperator.EQ, "Asia"))).containsExactly("Green tea in Kyoto");
    assertThat(tea(new FilterNode.Not(meta("trip.city", FilterOperator.EQ, "Kyoto"))))
        .containsExactly("black tea* at home");
  }

  @Test
  void hitsSayWhyTheyMatched() {
    teas();
    List<IndexedMemory> hits = store.search(query(A, "u-1", "kyoto").build());
    assertThat(hits).hasSize(1);
    assertThat(hits.getFirst().match().keyword()).isPositive();
    assertThat(hits.getFirst().match().vector()).isNull();
    assertThat(hits.getFirst().match().rrf()).isNull();
  }
}
