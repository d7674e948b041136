package io.membank.search.index;

import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterOperator;
import io.membank.contracts.filter.FilterParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * A {@link FilterNode} tree as a Lucene query (pure filter, no score) on the fields {@link
 * MemoryIndex} writes. Values only become terms and points, never query syntax: a {@code contains}
 * value is escaped before it goes into a wildcard pattern.
 */
final class LuceneFilters {

  /** Content as one untokenised term, for equality and {@code contains}. */
  static final String CONTENT_RAW = "content_raw";

  /** Content lower-cased as one term, for {@code icontains}. */
  static final String CONTENT_LC = "content_lc";

  /** Metadata numbers by path, for ordering comparisons. */
  static final String META_NUM_PREFIX = "metanum.";

  /** Metadata strings lower-cased by path, for {@code icontains}. */
  static final String META_LC_PREFIX = "metalc.";

  /**
   * Longest text kept as one term (Lucene refuses terms over 32,766 UTF-8 bytes); longer text is
   * cut, so {@code contains} does not see past it.
   */
  static final int MAX_TERM_CHARS = 8000;

  private LuceneFilters() {}

  static Query of(FilterNode node) {
    return switch (node) {
      case FilterNode.All all -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new MatchAllDocsQuery(), Occur.FILTER);
        all.nodes().forEach(n -> b.add(of(n), Occur.FILTER));
        yield b.build();
      }
      case FilterNode.Any any -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        any.nodes().forEach(n -> b.add(of(n), Occur.SHOULD));
        b.setMinimumNumberShouldMatch(1);
        yield b.build();
      }
      case FilterNode.Not not -> negate(of(not.node()));
      case FilterNode.Condition c -> condition(c);
    };
  }

  private static Query negate(Query q) {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.FILTER)
        .add(q, Occur.MUST_NOT)
        .build();
  }

  private static Query condition(FilterNode.Condition c) {
    return switch (c.operator()) {
      case IN -> anyOf(c);
      case NIN -> negate(anyOf(c));
      case NE -> negate(compare(c, FilterOperator.EQ, c.value()));
      default -> compare(c, c.operator(), c.value());
    };
  }

  private static Query anyOf(FilterNode.Condition c) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    c.values().forEach(v -> b.add(compare(c, FilterOperator.EQ, v), Occur.SHOULD));
    b.setMinimumNumberShouldMatch(1);
    return b.build();
  }

  private static Query compare(FilterNode.Condition c, FilterOperator op, Object value) {
    return switch (c.field()) {
      case CREATED_AT -> time(MemoryIndex.CREATED, op, (Instant) value);
      case UPDATED_AT -> time(MemoryIndex.UPDATED, op, (Instant) value);
      case OCCURRED_AT -> time(MemoryIndex.OCCURRED, op, (Instant) value);
      case IMPORTANCE -> number(MemoryIndex.IMPORTANCE, op, (Double) value);
      case CONTENT -> text(CONTENT_RAW, CONTENT_LC, op, (String) value);
      case TYPE -> term(MemoryIndex.TYPE, (String) value);
      case AGENT_ID -> term(MemoryIndex.AGENT, (String) value);
      case SESSION_ID -> term(MemoryIndex.SESSION, (String) value);
      case ENTITIES -> term(MemoryIndex.ENTITY, ((String) value).toLowerCase(Locale.ROOT));
      case METADATA -> metadata(c.dottedPath(), op, value);
    };
  }

  private static Query metadata(String path, FilterOperator op, Object value) {
    return switch (op) {
      case CONTAINS, ICONTAINS ->
          text(MemoryIndex.META_PREFIX + path, META_LC_PREFIX + path, op, (String) value);
      case EQ -> {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        metadataTerms(value)
            .forEach(t -> any.add(term(MemoryIndex.META_PREFIX + path, t), Occur.SHOULD));
        any.setMinimumNumberShouldMatch(1);
        yield any.build();
      }
      default -> number(META_NUM_PREFIX + path, op, FilterParser.number(value));
    };
  }

  /** The terms a metadata value is indexed under (numbers in their plain and as-given forms). */
  static Set<String> metadataTerms(Object value) {
    Set<String> terms = new TreeSet<>();
    terms.add(String.valueOf(value));
    if (value instanceof Number n) {
      terms.add(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
    }
    return terms;
  }

  private static Query text(String raw, String lower, FilterOperator op, String value) {
    return switch (op) {
      case CONTAINS -> new WildcardQuery(new Term(raw, "*" + escape(value) + "*"));
      case ICONTAINS ->
          new WildcardQuery(new Term(lower, "*" + escape(value.toLowerCase(Locale.ROOT)) + "*"));
      default -> term(raw, value);
    };
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      if (ch == '*' || ch == '?' || ch == '\\') {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }

  private static Query term(String field, String value) {
    return new TermQuery(new Term(field, value));
  }

  private static Query time(String field, FilterOperator op, Instant t) {
    long ms = t.toEpochMilli();
    return switch (op) {
      case EQ -> LongPoint.newExactQuery(field, ms);
      case GT -> LongPoint.newRangeQuery(field, ms + 1, Long.MAX_VALUE);
      case GTE -> LongPoint.newRangeQuery(field, ms, Long.MAX_VALUE);
      case LT -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, ms - 1);
      case LTE -> LongPoint.newRangeQuery(field, Long.MIN_VALUE, ms);
      default -> throw new IllegalArgumentException(op + " on " + field);
    };
  }

  private static Query number(String field, FilterOperator op, double v) {
    return switch (op) {
      case EQ -> DoublePoint.newExactQuery(field, v);
      case GT -> DoublePoint.newRangeQuery(field, Math.nextUp(v), Double.POSITIVE_INFINITY);
      case GTE -> DoublePoint.newRangeQuery(field, v, Double.POSITIVE_INFINITY);
      case LT -> DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, Math.nextDown(v));
      case LTE -> DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, v);
      default -> throw new IllegalArgumentException(op + " on " + field);
    };
  }
}
