package io.membank.search.index.qdrant;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.range;

import io.membank.contracts.filter.FilterField;
import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterOperator;
import io.membank.http.ProblemException;
import io.membank.search.index.SearchQuery;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Range;
import java.math.BigDecimal;
import java.time.Instant;
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
    // Expired memories are never answers (points written before expiry existed have none).
    b.addMustNot(range(QdrantPoints.EXPIRES, Range.newBuilder().setLte(q.expiryMillis()).build()));
    if (q.filter() != null && !q.filter().isEmpty()) {
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
    if (!q.sources()) {
      // Episodes (messages kept only as sources) are not answers when sources are left out.
      b.addMustNot(matchKeyword(QdrantPoints.TYPE, "episode"));
    }
  }

  /**
   * One node of the filter tree as a Qdrant filter. What the payload cannot answer (text contains,
   * nested metadata paths, metadata order) is a 400 naming the store, not a silently wider answer.
   */
  static Filter node(FilterNode node) {
    return switch (node) {
      case FilterNode.All all -> {
        Filter.Builder b = Filter.newBuilder();
        all.nodes().forEach(n -> b.addMust(filter(node(n))));
        yield b.build();
      }
      case FilterNode.Any any -> {
        Filter.Builder b = Filter.newBuilder();
        any.nodes().forEach(n -> b.addShould(filter(node(n))));
        yield b.build();
      }
      case FilterNode.Not not -> Filter.newBuilder().addMustNot(filter(node(not.node()))).build();
      case FilterNode.Condition c -> condition(c);
    };
  }

  private static Filter condition(FilterNode.Condition c) {
    Filter.Builder b = Filter.newBuilder();
    switch (c.operator()) {
      case IN -> c.values().forEach(v -> b.addShould(compare(c, FilterOperator.EQ, v)));
      case NIN -> c.values().forEach(v -> b.addMustNot(compare(c, FilterOperator.EQ, v)));
      case NE -> b.addMustNot(compare(c, FilterOperator.EQ, c.value()));
      default -> b.addMust(compare(c, c.operator(), c.value()));
    }
    return b.build();
  }

  private static Condition compare(FilterNode.Condition c, FilterOperator op, Object value) {
    return switch (c.field()) {
      case CREATED_AT -> compared(QdrantPoints.CREATED, op, ((Instant) value).toEpochMilli());
      case UPDATED_AT -> compared(QdrantPoints.UPDATED, op, ((Instant) value).toEpochMilli());
      case OCCURRED_AT -> compared(QdrantPoints.OCCURRED, op, ((Instant) value).toEpochMilli());
      case IMPORTANCE -> compared(QdrantPoints.IMPORTANCE, op, (Double) value);
      case TYPE -> keywordOnly(QdrantPoints.TYPE, c, op, (String) value);
      case AGENT_ID -> keywordOnly(QdrantPoints.AGENT, c, op, (String) value);
      case SESSION_ID -> keywordOnly(QdrantPoints.SESSION, c, op, (String) value);
      case ENTITIES ->
          keywordOnly(QdrantPoints.ENTITIES_LC, c, op, ((String) value).toLowerCase(Locale.ROOT));
      case CONTENT -> throw unsupported(c, op);
      case METADATA -> {
        if (op != FilterOperator.EQ || c.path().size() != 1) {
          throw unsupported(c, op);
        }
        yield matchKeyword(
            QdrantPoints.META_KV, QdrantPoints.metaKey(c.path().getFirst(), text(value)));
      }
    };
  }

  private static String text(Object value) {
    return value instanceof BigDecimal d ? d.toString() : String.valueOf(value);
  }

  private static Condition keywordOnly(
      String field, FilterNode.Condition c, FilterOperator op, String value) {
    if (op != FilterOperator.EQ) {
      throw unsupported(c, op);
    }
    return matchKeyword(field, value);
  }

  private static Condition compared(String field, FilterOperator op, double v) {
    Range.Builder r = Range.newBuilder();
    switch (op) {
      case EQ -> r.setGte(v).setLte(v);
      case GT -> r.setGt(v);
      case GTE -> r.setGte(v);
      case LT -> r.setLt(v);
      case LTE -> r.setLte(v);
      default -> throw new IllegalArgumentException(op + " on " + field);
    }
    return ConditionFactory.range(field, r.build());
  }

  private static ProblemException unsupported(FilterNode.Condition c, FilterOperator op) {
    String field =
        c.field() == FilterField.METADATA ? "metadata." + c.dottedPath() : c.field().wireName();
    return ProblemException.badRequest(
        "filter-not-supported",
        op.wireName()
            + " on "
            + field
            + " is not supported by the qdrant search store; the lucene store supports it");
  }
}
