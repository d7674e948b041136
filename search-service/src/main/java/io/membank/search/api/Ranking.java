package io.membank.search.api;

import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.search.embed.Embedder;
import io.membank.search.embed.EmbeddingFailure;
import io.membank.search.embed.Embeddings;
import io.membank.search.index.SearchQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Turns a requested mode into a ranked query: embeds the text when vectors take part. When the
 * query cannot be embedded (a remote model down or slow), {@code hybrid} is answered by keyword
 * alone — the answer says {@code retrieval: keyword}, a warning is logged and {@code
 * search_embedding_errors_total{stage="query"}} counts it — while {@code vector}, which keyword
 * cannot answer, is a 503 problem.
 */
@ApplicationScoped
public class Ranking {

  private static final Logger LOG = Logger.getLogger(Ranking.class);

  @Inject Embeddings embeddings;
  @Inject MeterRegistry registry;
  @Inject Tracer tracer;

  /**
   * The query ranked by {@code mode} (keyword, vector or hybrid; null means hybrid). Without
   * embeddings every mode is keyword; a vector mode with embeddings off is a caller's mistake the
   * resource reports before this.
   *
   * @throws ProblemException 503 when mode vector was asked and the query cannot be embedded
   */
  public SearchQuery rank(SearchQuery query, String mode) {
    SearchQuery.Mode m =
        mode == null
            ? SearchQuery.Mode.HYBRID
            : SearchQuery.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    Embedder embedder = embeddings.forText(query.text());
    if (m == SearchQuery.Mode.KEYWORD || embedder == null) {
      return query.ranked(SearchQuery.Mode.KEYWORD, null, 0);
    }
    Span span =
        tracer
            .spanBuilder("embed query")
            .setSpanKind(embeddings.remote() ? SpanKind.CLIENT : SpanKind.INTERNAL)
            .setAttribute("gen_ai.operation.name", "embeddings")
            .setAttribute("gen_ai.request.model", embedder.name())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return query.ranked(
          m, embeddings.query(query.tenant(), embedder, query.text()), embedder.minSimilarity());
    } catch (EmbeddingFailure e) {
      span.setStatus(StatusCode.ERROR, e.getMessage());
      registry
          .counter("search_embedding_errors", "stage", "query", "reason", e.kind().tag())
          .increment();
      if (m == SearchQuery.Mode.VECTOR) {
        LOG.warnf("search.embeddings.query_failed mode=vector answer=503: %s", e.getMessage());
        throw new ProblemException(
            Problem.of(
                503,
                "embeddings-unavailable",
                "Service unavailable",
                "the query could not be embedded (model "
                    + embedder.name()
                    + "); mode vector cannot be answered now, hybrid and keyword can"));
      }
      LOG.warnf(
          "search.embeddings.query_failed mode=%s answer=keyword: %s",
          m.name().toLowerCase(Locale.ROOT), e.getMessage());
      return query.ranked(SearchQuery.Mode.KEYWORD, null, 0);
    } finally {
      span.end();
    }
  }

  /**
   * Whether vectors were asked for and the ranked query has none: the query could not be embedded
   * and keyword answered instead (such an answer is not cached).
   */
  public boolean degraded(SearchQuery ranked, String mode) {
    boolean askedVectors = mode == null || !"keyword".equals(mode.toLowerCase(Locale.ROOT));
    return askedVectors
        && vectorsAvailable()
        && ranked.mode() == SearchQuery.Mode.KEYWORD
        && embeddings.forText(ranked.text()) != null;
  }

  /** Whether vector modes can be served. */
  public boolean vectorsAvailable() {
    return embeddings.enabled();
  }
}
