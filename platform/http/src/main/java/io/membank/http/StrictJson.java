package io.membank.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How every MemBank service reads a request body: unknown fields, a number where text belongs, text
 * no store can keep (NUL, lone surrogates), dates outside years 1–9999 and documents nested deeper
 * than a limit are refused while parsing, with the field named, instead of failing later as a 500
 * (issue 24 defects 1, 4, 6 and 8).
 */
public final class StrictJson {

  /** Earliest date-time a request may carry: PostgreSQL and epoch milliseconds both hold it. */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

  /** Latest date-time a request may carry. */
  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  private StrictJson() {}

  /**
   * A copy of {@code base} (keeping its naming strategy and modules) that reads strictly.
   *
   * @param maxNestingDepth deepest nesting of arrays and objects accepted
   * @param failOnUnknownProperties whether an unknown field is an error
   */
  public static ObjectMapper reader(
      ObjectMapper base, int maxNestingDepth, boolean failOnUnknownProperties) {
    ObjectMapper strict = base.copy();
    strict
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build());
    strict.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknownProperties);
    strict.registerModule(module());
    return strict;
  }

  /** Why {@code text} cannot be stored, or null when it can. */
  public static String unacceptable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "must not contain the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "must not contain a lone surrogate (invalid UTF-16)";
      }
      if (Character.isLowSurrogate(c)) {
        return "must not contain a lone surrogate (invalid UTF-16)";
      }
    }
    return null;
  }

  /** Why {@code instant} is out of the supported range, or null when it is in it. */
  public static String outOfRange(Instant instant) {
    return instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)
        ? "must be a date-time between years 0001 and 9999"
        : null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SimpleModule module() {
    SimpleModule module = new SimpleModule("membank-strict-json");
    module.addDeserializer(String.class, new TextDeserializer());
    module.addKeyDeserializer(String.class, new TextKeyDeserializer());
    // Jackson hands JsonNode to no modifier: wrap its deserializer here.
    module.addDeserializer(
        JsonNode.class,
        (JsonDeserializer) new Checking(JsonNodeDeserializer.getDeserializer(JsonNode.class)));
    module.setDeserializerModifier(new CheckedValues());
    return module;
  }

  /** Thrown for a value of the right JSON type that MemBank still cannot accept. */
  public static final class UnacceptableValueException extends MismatchedInputException {

    UnacceptableValueException(JsonParser parser, String message) {
      super(parser, message, String.class);
    }
  }

  /** Strings only from JSON strings (never a coerced number or boolean), and storable. */
  private static final class TextDeserializer extends StdDeserializer<String> {

    TextDeserializer() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (String) ctxt.handleUnexpectedToken(String.class, p);
      }
      return checked(p, p.getText(), "text");
    }
  }

  /** Map keys (metadata) must be storable as well. */
  private static final class TextKeyDeserializer extends KeyDeserializer {

    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      return checked(ctxt.getParser(), key, "a key");
    }
  }

  private static String checked(JsonParser p, String text, String what) throws IOException {
    String why = unacceptable(text);
    if (why != null) {
      throw new UnacceptableValueException(p, what + " " + why);
    }
    return text;
  }

  /**
   * Checks values no typed String deserializer sees (free-form metadata read as Object) and
   * date-times, after the usual deserializer has read them.
   */
  private static final class CheckedValues extends BeanDeserializerModifier {

    private static final Set<Class<?>> CHECKED =
        Set.of(
            Object.class,
            Instant.class,
            OffsetDateTime.class,
            ZonedDateTime.class,
            LocalDateTime.class,
            LocalDate.class);

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deserializer) {
      return CHECKED.contains(desc.getBeanClass()) ? new Checking(deserializer) : deserializer;
    }
  }

  /** Runs the usual deserializer, then refuses unstorable text inside or a date out of range. */
  private static final class Checking extends DelegatingDeserializer {

    Checking(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Checking(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Object value = super.deserialize(p, ctxt);
      String why = problem(value, "");
      if (why != null) {
        throw new UnacceptableValueException(p, why);
      }
      return value;
    }

    private static String problem(Object value, String at) {
      String why =
          switch (value) {
            case null -> null;
            case String s -> unacceptable(s);
            case JsonNode node when node.isTextual() -> unacceptable(node.textValue());
            case JsonNode node -> nodeProblem(node, at);
            case Map<?, ?> map -> mapProblem(map, at);
            case List<?> list -> listProblem(list, at);
            case Instant i -> outOfRange(i);
            case OffsetDateTime t -> outOfRange(t.toInstant());
            case ZonedDateTime t -> outOfRange(t.toInstant());
            case LocalDateTime t -> outOfRange(t.toInstant(ZoneOffset.UTC));
            case LocalDate d -> outOfRange(d.atStartOfDay().toInstant(ZoneOffset.UTC));
            default -> null;
          };
      if (why == null || why.startsWith("at ")) {
        return why;
      }
      return at.isEmpty() ? why : "at " + at + ": " + why;
    }

    private static String mapProblem(Map<?, ?> map, String at) {
      for (var entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String why = unacceptable(key);
        if (why != null) {
          return "at " + (at.isEmpty() ? "" : at + ": ") + "a key " + why;
        }
        why = problem(entry.getValue(), join(at, key));
        if (why != null) {
          return why;
        }
      }
      return null;
    }

    private static String listProblem(List<?> list, String at) {
      for (int i = 0; i < list.size(); i++) {
        String why = problem(list.get(i), at + "[" + i + "]");
        if (why != null) {
          return why;
        }
      }
      return null;
    }

    private static String nodeProblem(JsonNode node, String at) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          String why = problem(node.get(i), at + "[" + i + "]");
          if (why != null) {
            return why;
          }
        }
      } else if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          var field = it.next();
          String why = unacceptable(field.getKey());
          if (why != null) {
            return "at " + (at.isEmpty() ? "" : at + ": ") + "a key " + why;
          }
          why = problem(field.getValue(), join(at, field.getKey()));
          if (why != null) {
            return why;
          }
        }
      }
      return null;
    }

    private static String join(String at, String key) {
      return at.isEmpty() ? key : at + "." + key;
    }
  }
}
