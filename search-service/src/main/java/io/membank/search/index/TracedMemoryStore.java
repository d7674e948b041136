package io.membank.search.index;

import io.membank.contracts.MemoryEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The store with a span around each search and commit ({@code lucene search}, {@code qdrant
 * commit}, …: {@code db.system}, the ranking mode, the limit and how many memories came back).
 * Applying single events is not traced: a batch applies hundreds, its commit is the span.
 */
public final class TracedMemoryStore implements MemoryStore {

  private final MemoryStore store;
  private final Tracer tracer;

  public TracedMemoryStore(MemoryStore store, Tracer tracer) {
    this.store = store;
    this.tracer = tracer;
  }

  @Override
  public Map<String, Integer> vectorsOutside(Set<String> inUse) {
    return store.vectorsOutside(inUse);
  }

  @Override
  public long countSubject(String tenantId, String userId) {
    return store.countSubject(tenantId, userId);
  }

  @Override
  public long eraseSubject(String tenantId, String userId) {
    return traced("erase", null, () -> store.eraseSubject(tenantId, userId));
  }

  @Override
  public Outcome apply(MemoryEvent event, Vector vector) {
    return store.apply(event, vector);
  }

  @Override
  public void commit() {
    traced(
        "commit",
        null,
        () -> {
          store.commit();
          return null;
        });
  }

  @Override
  public List<IndexedMemory> search(SearchQuery query) {
    return traced("search", query, () -> store.search(query));
  }

  private <T> T traced(String operation, SearchQuery query, Supplier<T> work) {
    Span span =
        tracer
            .spanBuilder(store.kind() + " " + operation)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system", store.kind())
            .setAttribute("db.operation.name", operation)
            .startSpan();
    if (query != null) {
      span.setAttribute("membank.search.mode", query.mode().name().toLowerCase());
      span.setAttribute("membank.search.limit", query.limit());
    }
    try (Scope ignored = span.makeCurrent()) {
      T result = work.get();
      if (result instanceof List<?> hits) {
        span.setAttribute("membank.search.results", hits.size());
      }
      return result;
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      throw e;
    } finally {
      span.end();
    }
  }

  @Override
  public Staging stage() {
    return store.stage();
  }

  @Override
  public void swap(Staging staging, Runnable beforeSwap) {
    store.swap(staging, beforeSwap);
  }

  @Override
  public boolean isOpen() {
    return store.isOpen();
  }

  @Override
  public String kind() {
    return store.kind();
  }

  @Override
  public String location() {
    return store.location();
  }

  @Override
  public void close() {
    store.close();
  }
}
