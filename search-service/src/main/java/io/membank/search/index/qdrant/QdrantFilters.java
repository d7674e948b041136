package io.membank.search.index.qdrant;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.range;

import io.membank.search.index.SearchQuery;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Range;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A search's scope as a Qdrant filter: tenant and user always, then validity, then the request's
 * filter tree — the same conditions as the Lucene index's, on the payload fields of {@link
 * QdrantPoints}. Values only ever go into match and range conditions, never into a query text.
 */
final class QdrantFilters {

  private QdrantFilters() {}

  /** Tenant, user, validity and the filter tree, all of which must hold. */
  static Filter of(SearchQuery q) {
    Filter.Builder b =
        Filter.newBuilder()
            .addMust(matchKeyword(QdrantPoints.TENANT, q.tenant()))
            .addMust(matchKeyword(QdrantPoints.USER, q.userId()));
    validity(b, q);
    if (q.filter() != null) {
      b.addMust(filter(node(q.filter())));
    }
    return b.build();
  }

  /**
   * Current memories only; or also invalidated ones; or what was valid at {@code as_of}. Deleted
   * memories are tombstones without content: never an answer.
   */
  private static void validity(Filter.Builder b, SearchQuery q) {
    if (q.asOf() != null) {
      long t = q.asOf().toInstant().toEpochMilli();
      b.addMustNot(matchKeyword(QdrantPoints.STATE, "deleted"));
      b.addMust(range(QdrantPoints.CREATED, Range.newBuilder().setLte(t).build()));
      b.addMust(range(QdrantPoints.VALID_FROM, Range.newBuilder().setLte(t).build()));
      b.addMust(range(QdrantPoints.VALID_TO, Range.newBuilder().setGt(t).build()));
    } else if (q.includeInvalidated()) {
      b.addMustNot(matchKeyword(QdrantPoints.STATE, "deleted"));
    } else {
      b.addMust(matchKeyword(QdrantPoints.STATE, "valid"));
    }
  }

  /** One node of the filter tree: its own conditions, AND / OR groups and NOT. */
  static Filter node(io.membank.search.index.Filter f) {
    Filter.Builder b = Filter.newBuilder();
    keyword(b, QdrantPoints.AGENT, f.agentId());
    keyword(b, QdrantPoints.SESSION, f.sessionId());
    if (f.types() != null && !f.types().isEmpty()) {
      b.addMust(matchKeywords(QdrantPoints.TYPE, f.types()));
    }
    if (f.entities() != null && !f.entities().isEmpty()) {
      b.addMust(
          matchKeywords(
              QdrantPoints.ENTITIES_LC,
              f.entities().stream().map(e -> e.toLowerCase(Locale.ROOT)).toList()));
    }
    if (f.metadata() != null) {
      f.metadata()
          .forEach(
              (key, values) ->
                  b.addMust(
                      matchKeywords(
                          QdrantPoints.META_KV,
                          values.stream().map(v -> QdrantPoints.metaKey(key, v)).toList())));
    }
    ranges(b, f);
    groups(b, f);
    return b.build();
  }

  private static void ranges(Filter.Builder b, io.membank.search.index.Filter f) {
    if (f.importanceMin() != null || f.importanceMax() != null) {
      Range.Builder r = Range.newBuilder();
      if (f.importanceMin() != null) {
        r.setGte(f.importanceMin());
      }
      if (f.importanceMax() != null) {
        r.setLte(f.importanceMax());
      }
      b.addMust(range(QdrantPoints.IMPORTANCE, r.build()));
    }
    if (f.createdFrom() != null || f.createdTo() != null) {
      Range.Builder r = Range.newBuilder();
      if (f.createdFrom() != null) {
        r.setGte(millis(f.createdFrom()));
      }
      if (f.createdTo() != null) {
        r.setLte(millis(f.createdTo()));
      }
      b.addMust(range(QdrantPoints.CREATED, r.build()));
    }
  }

  private static void groups(Filter.Builder b, io.membank.search.index.Filter f) {
    if (f.all() != null) {
      f.all().forEach(c -> b.addMust(filter(node(c))));
    }
    if (f.any() != null && !f.any().isEmpty()) {
      List<io.qdrant.client.grpc.Common.Condition> any =
          f.any().stream().map(c -> filter(node(c))).toList();
      b.addMust(filter(Filter.newBuilder().addAllShould(any).build()));
    }
    if (f.not() != null) {
      b.addMustNot(filter(node(f.not())));
    }
  }

  private static void keyword(Filter.Builder b, String field, String value) {
    if (value != null) {
      b.addMust(matchKeyword(field, value));
    }
  }

  private static double millis(OffsetDateTime t) {
    return t.toInstant().toEpochMilli();
  }
}
