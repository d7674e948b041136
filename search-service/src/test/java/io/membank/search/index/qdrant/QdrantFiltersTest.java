package io.membank.search.index.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.search.index.SearchQuery;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Searches as Qdrant filters, without a server: scope first, values only as match values. */
class QdrantFiltersTest {

  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);

  static SearchQuery query(
      io.membank.search.index.Filter f, boolean invalidated, OffsetDateTime at) {
    return new SearchQuery(
        "acme", "u-1", "x", 10, f, invalidated, at, SearchQuery.Mode.KEYWORD, null, 0);
  }

  static io.membank.search.index.Filter node(
      String agent, Map<String, List<String>> metadata, io.membank.search.index.Filter not) {
    return new io.membank.search.index.Filter(
        agent, null, null, null, null, null, null, null, metadata, null, null, not);
  }

  static String keyword(Condition c) {
    return c.getField().getKey() + "=" + c.getField().getMatch().getKeyword();
  }

  @Test
  void everySearchIsBoundToItsTenantAndUserAndToCurrentMemories() {
    Filter f = QdrantFilters.of(query(io.membank.search.index.Filter.NONE, false, null));
    assertThat(f.getMustList().stream().limit(3).map(QdrantFiltersTest::keyword))
        .containsExactly("tenant_id=acme", "user_id=u-1", "state=valid");
    assertThat(f.getMustNotList()).isEmpty();
  }

  @Test
  void invalidatedAndAsOfOnlyExcludeTombstones() {
    Filter all = QdrantFilters.of(query(io.membank.search.index.Filter.NONE, true, null));
    assertThat(all.getMustNotList().stream().map(QdrantFiltersTest::keyword))
        .containsExactly("state=deleted");

    Filter then = QdrantFilters.of(query(io.membank.search.index.Filter.NONE, false, T0));
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
            node("a1", Map.of("room\" OR 1=1", List.of("kitchen")), node("a2", null, null)));
    assertThat(keyword(f.getMust(0))).isEqualTo("agent_id=a1");
    assertThat(f.getMust(1).getField().getKey()).isEqualTo(QdrantPoints.META_KV);
    assertThat(f.getMust(1).getField().getMatch().getKeywords().getStringsList())
        .containsExactly(QdrantPoints.metaKey("room\" OR 1=1", "kitchen"));
    assertThat(keyword(f.getMustNot(0).getFilter().getMust(0))).isEqualTo("agent_id=a2");
  }

  @Test
  void orGroupsNeedOneOfTheirNodes() {
    var any =
        new io.membank.search.index.Filter(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(node("a1", null, null), node("a2", null, null)),
            null);
    Filter group = QdrantFilters.node(any).getMust(0).getFilter();
    assertThat(group.getShouldList()).hasSize(2);
    assertThat(group.getMustList()).isEmpty();
  }
}
