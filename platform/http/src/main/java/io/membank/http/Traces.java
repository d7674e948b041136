package io.membank.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/** The current OpenTelemetry trace, as error bodies, audit records and events carry it. */
public final class Traces {

  private Traces() {}

  /** The current trace id, or null when no trace is being recorded. */
  public static String currentTraceId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  /** The current W3C {@code traceparent} value, or null when no trace is being recorded. */
  public static String currentTraceparent() {
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return null;
    }
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  /**
   * A context whose span is the remote parent named by a W3C {@code traceparent} value (for work
   * that continues a trace recorded earlier, e.g. an outbox record relayed later); the root context
   * when the value is null or malformed.
   */
  public static Context parentContext(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), traceparent, SingleTraceparent.GETTER);
  }

  /** Reads one {@code traceparent} value as if it were a carrier of headers. */
  private enum SingleTraceparent implements TextMapGetter<String> {
    GETTER;

    @Override
    public Iterable<String> keys(String carrier) {
      return List.of("traceparent");
    }

    @Override
    public String get(String carrier, String key) {
      return "traceparent".equals(key) ? carrier : null;
    }
  }
}
