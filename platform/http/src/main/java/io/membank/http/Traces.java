package io.membank.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

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
}
