package io.membank.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** The log filter names OpenTelemetry's ids as the house log schema does. */
class LogFieldNamesTest {

  @Test
  void traceAndSpanIdsAreAlsoLoggedAsTraceIdAndSpanId() {
    ExtLogRecord record = new ExtLogRecord(Level.INFO, "hello", getClass().getName());
    record.putMdc("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    record.putMdc("spanId", "00f067aa0ba902b7");

    assertThat(new RedactingLogFilter().isLoggable(record)).isTrue();

    assertThat(record.getMdc("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(record.getMdc("span_id")).isEqualTo("00f067aa0ba902b7");
  }

  @Test
  void aLineOutsideATraceGetsNoTraceFields() {
    ExtLogRecord record = new ExtLogRecord(Level.INFO, "hello", getClass().getName());

    new RedactingLogFilter().isLoggable(record);

    assertThat(record.getMdc("trace_id")).isNull();
    assertThat(record.getMdc("span_id")).isNull();
  }
}
