package io.membank.http;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * A log filter every service puts on its handlers ({@code quarkus.log.console.filter=
 * membank-redaction}): the formatted message, and the message of an attached exception, leave the
 * process with credentials removed (see {@link Redaction}). Nothing is dropped.
 */
@LoggingFilter(name = "membank-redaction")
public final class RedactingLogFilter implements Filter {

  @Override
  public boolean isLoggable(LogRecord record) {
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

  /** Stands in for an exception whose message carried a credential; keeps type and stack. */
  static final class RedactedException extends RuntimeException {
    RedactedException(Throwable original, String message) {
      super(original.getClass().getName() + ": " + message, null, false, true);
      setStackTrace(original.getStackTrace());
    }
  }
}
