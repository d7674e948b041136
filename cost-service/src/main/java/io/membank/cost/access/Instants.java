package io.membank.cost.access;

import io.membank.http.ProblemException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Instants given as query parameters: ISO-8601 with an offset, or a 400. */
public final class Instants {

  private Instants() {}

  /** The parsed value, or {@code fallback} when absent. */
  public static OffsetDateTime parse(String name, String value, OffsetDateTime fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          "invalid-" + name.replace('_', '-'),
          name + " must be an ISO-8601 date-time with offset, e.g. 2026-12-01T00:00:00Z");
    }
  }
}
