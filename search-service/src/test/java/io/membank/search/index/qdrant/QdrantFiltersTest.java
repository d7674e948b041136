package io.membank.search.index.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.contracts.filter.FilterField;
import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterOperator;
import io.membank.http.ProblemException;
import io.membank.search.index.SearchQuery;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Searches as Qdrant filters, without a server: scope first, values only as match values. */
class QdrantFiltersTest {

  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);

  static SearchQuery query(FilterNode f, boolean invalidated, OffsetDateTime at) {
    return new SearchQuery(
        "acme", "u-1", "x", 10, f, invalidated, at, SearchQuery.Mode.KEYWORD, null, 0);
  }

  static FilterNode agent(String id) {
    return new FilterNode.Condition(
        FilterField.AGENT_ID, List.of(), FilterOperator.EQ, List.of(id));
  }

  static FilterNode metadata(String key, String value) {
    return new FilterNode.Condition(
        FilterField.METADATA, List.of(key), FilterOperator.EQ, List.of(value));
  }

  static String keyword(Condition c) {
    return c.getField().getKey() + "=" + c.getField().getMatch().getKeyword();
  }

  @Test
  void everySearchIsBoundToItsTenantAndUserAndToCurrentMemories() {
    Filter f = QdrantFilters.of(query(FilterNode.NONE, false, null));
    assertThat(f.getMustList().stream().limit(3).map(QdrantFiltersTest::keyword))
        .containsExactly("tenant_id=acme", "user_id=u-1", "state=valid");
    // Only expiry is excluded: nothing current is.
    assertThat(f.getMustNotList())
        .singleElement()
        .satisfies(c -> assertThat(c.getField().getKey()).isEqualTo(QdrantPoints.EXPIRES));
  }

  @Test
  void invalidatedAndAsOfOnlyExcludeTombstones() {
    Filter all = QdrantFilters.of(query(FilterNode.NONE, true, null));
    assertThat(all.getMustNotList().stream().limit(1).map(QdrantFiltersTest::keyword))
        .containsExactly("state=deleted");

    Filter then = QdrantFilters.of(query(FilterNode.NONE, false, T0));
    double t = T0.toInstant().toEpochMilli();
    assertThat(then.getMustList())
        .anySatisfy(
            c -> {
              assertThat(c.getField().getKey()).isEqualTo(QdrantPoints.VALID_TO);
              assertThat(c.getField().getRange().getGt()).isEqualTo(t);
            })
        .anySatisfy(
            c -> {
              assertThat(c.getField().getKey()).isEqualTo(QdrantPoints.CREATED);
              assertThat(c.getField().getRange().getLte()).isEqualTo(t);
            });
  }

  @Test
  void treeNodesBecomeNestedFiltersAndMetadataStaysAValue() {
    Filter f =
        QdrantFilters.node(
            new FilterNode.All(
                List.of(
                    agent("a1"),
                    metadata("room\" OR 1=1", "kitchen"),
                    new FilterNode.Not(agent("a2")))));
    assertThat(keyword(f.getMust(0).getFilter().getMust(0))).isEqualTo("agent_id=a1");
    Condition meta = f.getMust(1).getFilter().getMust(0);
    assertThat(meta.getField().getKey()).isEqualTo(QdrantPoints.META_KV);
    assertThat(meta.getField().getMatch().getKeyword())
        .isEqualTo(QdrantPoints.metaKey("room\" OR 1=1", "kitchen"));
    assertThat(keyword(f.getMust(2).getFilter().getMustNot(0).getFilter().getMust(0)))
        .isEqualTo("agent_id=a2");
  }

  @Test
  void orGroupsNeedOneOfTheirNodes() {
    Filter group = QdrantFilters.node(new FilterNode.Any(List.of(agent("a1"), agent("a2"))));
    assertThat(group.getShouldList()).hasSize(2);
    assertThat(group.getMustList()).isEmpty();
  }

  @Test
  void expiredPointsAreExcludedAndWhatQdrantCannotAnswerIsA400() {
    Filter f = QdrantFilters.of(query(FilterNode.NONE, false, null));
    assertThat(f.getMustNotList())
        .anySatisfy(c -> assertThat(c.getField().getKey()).isEqualTo(QdrantPoints.EXPIRES));
    assertThatThrownBy(
            () ->
                QdrantFilters.node(
                    new FilterNode.Condition(
                        FilterField.CONTENT, List.of(), FilterOperator.CONTAINS, List.of("tea"))))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("contains on content");
  }
}
