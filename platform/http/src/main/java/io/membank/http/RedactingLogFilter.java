package io.membank.http;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * A log filter every service puts on its handlers ({@code quarkus.log.console.filter=
 * membank-redaction}): the formatted message, and the message of an attached exception, leave the
 * process with credentials removed (see {@link Redaction}). Nothing is dropped. It also gives the
 * OpenTelemetry ids the names of the house log schema: {@code trace_id} and {@code span_id} next to
 * the {@code traceId}/{@code spanId} Quarkus puts in the log context.
 */
@LoggingFilter(name = "membank-redaction")
public final class RedactingLogFilter implements Filter {

  @Override
  public boolean isLoggable(LogRecord record) {
    if (record instanceof ExtLogRecord ext) {
      copyMdc(ext, "traceId", "trace_id");
      copyMdc(ext, "spanId", "span_id");
    }
    String formatted =
        record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    String redacted = Redaction.redact(formatted);
    if (redacted != null && !redacted.equals(formatted)) {
      if (record instanceof ExtLogRecord ext) {
        ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
      } else {
        record.setMessage(redacted);
      }
      record.setParameters(null);
    }
    Throwable thrown = record.getThrown();
    if (thrown != null && thrown.getMessage() != null) {
      String message = Redaction.redact(thrown.getMessage());
      if (!message.equals(thrown.getMessage())) {
        record.setThrown(new RedactedException(thrown, message));
      }
    }
    return true;
  }

  private static void copyMdc(ExtLogRecord record, String from, String to) {
    String value = record.getMdc(from);
    if (value != null && record.getMdc(to) == null) {
      record.putMdc(to, value);
    }
  }

  /** Stands in for an exception whose message carried a credential; keeps type and stack. */
  static final class RedactedException extends RuntimeException {
    RedactedException(Throwable original, String message) {
      super(original.getClass().getName() + ": " + message, null, false, true);
      setStackTrace(original.getStackTrace());
    }
  }
}
