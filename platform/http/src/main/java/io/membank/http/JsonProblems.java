package io.membank.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says what is wrong with an unreadable JSON body in the caller's terms: the JSON field path and
 * the JSON type expected there, never a Java class name (issue 14).
 */
final class JsonProblems {

  private static final int MAX_ECHO = 40;

  private JsonProblems() {}

  /** The 400 problem for a body Jackson could not read. */
  static Problem of(JsonProcessingException e, int maxNestingDepth) {
    return switch (e) {
      case StreamConstraintsException c -> tooDeep(maxNestingDepth);
      case JsonMappingException m when m.getCause() instanceof StreamConstraintsException ->
          tooDeep(maxNestingDepth);
      case UnrecognizedPropertyException u -> unknownField(u);
      case StrictJson.UnacceptableValueException v -> field(v, v.getOriginalMessage());
      // A map key refused by our key deserializer arrives wrapped, with the map's path.
      case JsonMappingException m
          when m.getCause() instanceof StrictJson.UnacceptableValueException v ->
          field(m, v.getOriginalMessage());
      case InvalidFormatException f ->
          field(f, "must be " + expected(f.getTargetType()) + ", got " + echo(f.getValue()));
      case MismatchedInputException m when m.getTargetType() != null && !m.getPath().isEmpty() ->
          field(m, "must be " + expected(m.getTargetType()));
      case MismatchedInputException m when m.getPath().isEmpty() ->
          malformed(
              "The body must be a JSON "
                  + (m.getTargetType() == null ? "document" : expected(m.getTargetType()))
                  + " for this operation");
      case ValueInstantiationException v -> field(v, "has an invalid value" + reason(v));
      // The parser refused text inside a field (a lone surrogate in a key, read from bytes):
      // databind wraps it with the field's path and the reason must survive the wrapping.
      case JsonMappingException m when m.getCause() instanceof JsonParseException p ->
          field(m, unreadableText(p));
      case JsonMappingException m -> field(m, "has an invalid value");
      case JsonParseException p ->
          malformed("The body is not valid JSON: " + p.getOriginalMessage() + where(p));
      default -> malformed("The body is not valid JSON");
    };
  }

  /**
   * Why the parser could not read the text of a field, in the words {@link StrictJson} uses: the
   * byte parser refuses a lone surrogate escape in a key ("Broken surrogate pair in field name")
   * before our key deserializer sees it.
   */
  static String unreadableText(JsonParseException p) {
    String message = p.getOriginalMessage() == null ? "" : p.getOriginalMessage();
    if (message.toLowerCase(java.util.Locale.ROOT).contains("surrogate")) {
      return (message.contains("field name") ? "a key " : "")
          + "must not contain a lone surrogate (invalid UTF-16)";
    }
    return "is not valid JSON text: " + message + where(p);
  }

  private static Problem tooDeep(int limit) {
    return malformed("The body nests arrays and objects deeper than " + limit + " levels");
  }

  private static Problem unknownField(UnrecognizedPropertyException e) {
    String field = path(e);
    List<String> allowed =
        e.getKnownPropertyIds() == null
            ? List.of()
            : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    String message =
        allowed.isEmpty()
            ? "unknown field"
            : "unknown field; allowed here: " + String.join(", ", allowed);
    return Problem.of(
            400,
            "unknown-field",
            "Unknown field",
            "Unknown field \"" + field + "\"" + (allowed.isEmpty() ? "" : "; allowed: " + allowed))
        .withErrors(List.of(new Problem.FieldError(field, message)));
  }

  private static Problem field(JsonMappingException e, String message) {
    String field = path(e);
    if (field.isEmpty()) {
      return malformed("The body " + message);
    }
    return Problem.of(
            400, "malformed-body", "Malformed request body", "Field \"" + field + "\": " + message)
        .withErrors(List.of(new Problem.FieldError(field, message)));
  }

  private static Problem malformed(String detail) {
    return Problem.of(400, "malformed-body", "Malformed request body", detail);
  }

  /** "filters.date_range.start" or "conversations[0].messages[2]". */
  static String path(JsonMappingException e) {
    StringBuilder at = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        at.append(at.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        at.append('[').append(ref.getIndex()).append(']');
      }
    }
    return at.toString();
  }

  /** The JSON type a Java type is read from, as a caller would say it. */
  static String expected(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type == UUID.class) {
      return "a UUID string";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> "\"" + c.toString().toLowerCase(java.util.Locale.ROOT) + "\"")
              .collect(Collectors.joining(", "));
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type)
        || type == double.class
        || type == float.class
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type == LocalDate.class) {
      return "an ISO-8601 date such as 2026-11-25";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 date-time such as 2026-11-25T12:00:00Z";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
      return "an object";
    }
    return "a value of another type";
  }

  private static String echo(Object value) {
    if (value instanceof String s) {
      return "\"" + (s.length() > MAX_ECHO ? s.substring(0, MAX_ECHO) + "…" : s) + "\"";
    }
    return Objects.toString(value);
  }

  private static String reason(ValueInstantiationException e) {
    // A record's compact constructor says why in an IllegalArgumentException meant for callers.
    return e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
        ? ": " + iae.getMessage()
        : "";
  }

  private static String where(JsonParseException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 0
        ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
