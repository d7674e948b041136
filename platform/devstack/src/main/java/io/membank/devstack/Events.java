package io.membank.devstack;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One-line, grep-friendly event log: {@code <time> devstack.kafka.started port=19092 ms=2345}. */
final class Events {
  private static final PrintStream OUT = System.out;

  private Events() {}

  /** Logs {@code event} followed by {@code key=value} pairs given as alternating arguments. */
  static synchronized void log(String event, Object... keyValues) {
    StringBuilder line = new StringBuilder();
    line.append(Instant.now().truncatedTo(ChronoUnit.MILLIS)).append(' ').append(event);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      line.append(' ').append(keyValues[i]).append('=').append(quote(keyValues[i + 1]));
    }
    OUT.println(line);
    OUT.flush();
  }

  static long since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String quote(Object value) {
    String s = String.valueOf(value);
    // Values with spaces (paths, messages) stay one token for grep/awk.
    return s.indexOf(' ') >= 0 || s.isEmpty() ? '"' + s.replace("\"", "'") + '"' : s;
  }
}
