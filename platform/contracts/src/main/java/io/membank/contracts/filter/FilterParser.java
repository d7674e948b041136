package io.membank.contracts.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.contracts.MemoryType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the filter language of listing and search into a {@link FilterNode} tree, refusing anything
 * unknown with the path of the offending part.
 *
 * <p>An object's entries all hold (AND). An entry is {@code AND} / {@code OR} (a list of objects),
 * {@code NOT} (an object), or a field with a scalar (equality), a list (any of them) or an object
 * of operators ({@code {"gte": …, "lt": …}}): {@code created_at}, {@code updated_at}, {@code
 * occurred_at} (ISO-8601 date-times or dates), {@code importance}, {@code content}, {@code type}
 * (alias {@code categories}), {@code entities}, {@code agent_id}, {@code session_id} and metadata
 * paths ({@code metadata.a.b}). Earlier shapes keep working: {@code date_range: {start, end}} on
 * created_at, {@code importance: {min, max}}, and {@code metadata: {key: value}} on top-level keys.
 */
public final class FilterParser {

  /** Deepest nesting of AND / OR / NOT groups. */
  public static final int MAX_DEPTH = 4;

  /** Most entries of one AND / OR group. */
  public static final int MAX_GROUP = 20;

  /** Most values of one {@code in} / {@code nin} list. */
  public static final int MAX_VALUES = 50;

  /** Most conditions in one filter (bounds the SQL and index queries it becomes). */
  public static final int MAX_CONDITIONS = 100;

  /** Longest text value. */
  public static final int MAX_TEXT = 2000;

  /** Deepest metadata path. */
  public static final int MAX_PATH = 5;

  private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern LEGACY_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  private int conditions;

  private FilterParser() {}

  /**
   * The tree of {@code filters} (null or JSON null: {@link FilterNode#NONE}).
   *
   * @param root the name of the request field, the first segment of every error path
   * @throws FilterException naming the offending part
   */
  public static FilterNode parse(JsonNode filters, String root) {
    if (filters == null || filters.isNull() || filters.isMissingNode()) {
      return FilterNode.NONE;
    }
    return new FilterParser().node(filters, root, 0);
  }

  private FilterNode node(JsonNode node, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new FilterException(path, "boolean groups nest at most " + MAX_DEPTH + " deep");
    }
    if (!node.isObject()) {
      throw new FilterException(path, "must be an object");
    }
    List<FilterNode> all = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      String at = path + "." + key;
      switch (key) {
        case "AND" -> all.add(new FilterNode.All(group(value, at, depth)));
        case "OR" -> all.add(new FilterNode.Any(group(value, at, depth)));
        case "NOT" -> {
          if (value == null || value.isNull()) {
            throw new FilterException(at, "must be an object");
          }
          all.add(new FilterNode.Not(node(value, at, depth + 1)));
        }
        case "date_range" -> all.addAll(dateRange(value, at));
        case "metadata" -> all.addAll(legacyMetadata(value, at));
        case "categories" -> all.addAll(field(FilterField.TYPE, List.of(), value, at));
        default -> {
          if (key.startsWith("metadata.")) {
            all.addAll(field(FilterField.METADATA, metadataPath(key, at), value, at));
          } else {
            all.addAll(field(knownField(key, at), List.of(), value, at));
          }
        }
      }
    }
    return all.size() == 1 ? all.getFirst() : new FilterNode.All(all);
  }

  private List<FilterNode> group(JsonNode value, String path, int depth) {
    if (value == null || !value.isArray()) {
      throw new FilterException(path, "must be a list of filter objects");
    }
    if (value.isEmpty() || value.size() > MAX_GROUP) {
      throw new FilterException(path, "give 1 to " + MAX_GROUP + " filter objects");
    }
    List<FilterNode> nodes = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String at = path + "[" + i + "]";
      if (value.get(i).isNull()) {
        throw new FilterException(at, "is null");
      }
      nodes.add(node(value.get(i), at, depth + 1));
    }
    return nodes;
  }

  private static FilterField knownField(String key, String path) {
    for (FilterField f : FilterField.values()) {
      if (f.wireName().equals(key) && f != FilterField.METADATA) {
        return f;
      }
    }
    throw new FilterException(
        path,
        "unknown field; use one of AND, OR, NOT, "
            + Arrays.stream(FilterField.values())
                .filter(f -> f != FilterField.METADATA)
                .map(FilterField::wireName)
                .collect(Collectors.joining(", "))
            + ", categories, date_range, metadata or metadata.<path>");
  }

  private static List<String> metadataPath(String key, String path) {
    List<String> segments = List.of(key.substring("metadata.".length()).split("\\.", -1));
    if (segments.size() > MAX_PATH) {
      throw new FilterException(path, "a metadata path has at most " + MAX_PATH + " segments");
    }
    for (String s : segments) {
      if (!PATH_SEGMENT.matcher(s).matches()) {
        throw new FilterException(
            path, "metadata path segments are 1 to 64 of A-Z, a-z, 0-9, _ and -");
      }
    }
    return segments;
  }

  /** A field's value: a scalar (eq), a list (in) or an object of operators. */
  private List<FilterNode> field(
      FilterField field, List<String> metaPath, JsonNode value, String path) {
    if (value == null || value.isNull()) {
      throw new FilterException(path, "must not be null");
    }
    if (value.isArray()) {
      return List.of(condition(field, metaPath, FilterOperator.IN, value, path));
    }
    if (!value.isObject()) {
      return List.of(condition(field, metaPath, FilterOperator.EQ, value, path));
    }
    if (value.isEmpty()) {
      throw new FilterException(path, "give at least one operator");
    }
    List<FilterNode> out = new ArrayList<>();
    String lowKey = null;
    Comparable<Object> low = null;
    String highKey = null;
    Comparable<Object> high = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      String at = path + "." + op.getKey();
      FilterOperator operator = operator(field, op.getKey(), at);
      FilterNode.Condition c = condition(field, metaPath, operator, op.getValue(), at);
      out.add(c);
      if (operator == FilterOperator.GT || operator == FilterOperator.GTE) {
        lowKey = op.getKey();
        low = comparable(c.value());
      } else if (operator == FilterOperator.LT || operator == FilterOperator.LTE) {
        highKey = op.getKey();
        high = comparable(c.value());
      }
    }
    if (low != null && high != null && low.compareTo(high) > 0) {
      throw new FilterException(path + "." + lowKey, "is above its " + highKey);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> comparable(Object value) {
    return value instanceof Comparable<?> c ? (Comparable<Object>) c : null;
  }

  private static FilterOperator operator(FilterField field, String name, String path) {
    // importance: {min, max} was the first shape of this filter.
    if (field == FilterField.IMPORTANCE && name.equals("min")) {
      return FilterOperator.GTE;
    }
    if (field == FilterField.IMPORTANCE && name.equals("max")) {
      return FilterOperator.LTE;
    }
    FilterOperator op =
        FilterOperator.fromWire(name)
            .filter(o -> field.kind().operators().contains(o))
            .orElse(null);
    if (op == null) {
      throw new FilterException(
          path,
          "unknown operator for "
              + field.wireName()
              + "; use one of "
              + field.kind().operators().stream()
                  .map(FilterOperator::wireName)
                  .collect(Collectors.joining(", ")));
    }
    return op;
  }

  private FilterNode.Condition condition(
      FilterField field, List<String> metaPath, FilterOperator op, JsonNode value, String path) {
    if (++conditions > MAX_CONDITIONS) {
      throw new FilterException(path, "a filter holds at most " + MAX_CONDITIONS + " conditions");
    }
    if (op == FilterOperator.IN && !field.kind().operators().contains(FilterOperator.IN)) {
      throw new FilterException(path, "takes one value, not a list");
    }
    List<Object> values = new ArrayList<>();
    if (op.takesList()) {
      if (value == null || !value.isArray()) {
        throw new FilterException(path, "must be a list");
      }
      if (value.isEmpty() || value.size() > MAX_VALUES) {
        throw new FilterException(path, "give 1 to " + MAX_VALUES + " values");
      }
      for (int i = 0; i < value.size(); i++) {
        values.add(value(field, op, value.get(i), path + "[" + i + "]"));
      }
    } else {
      values.add(value(field, op, value, path));
    }
    return new FilterNode.Condition(field, metaPath, op, values);
  }

  private static Object value(FilterField field, FilterOperator op, JsonNode v, String path) {
    if (v == null || v.isNull()) {
      throw new FilterException(path, "must not be null");
    }
    return switch (field.kind()) {
      case TIME -> time(v, path);
      case NUMBER -> {
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
          throw new FilterException(path, "must be a number");
        }
        yield v.doubleValue();
      }
      case TEXT, KEYWORD -> {
        String text = text(v, path);
        if (field == FilterField.TYPE && MemoryType.fromWire(text).isEmpty()) {
          throw new FilterException(
              path,
              "unknown memory type; use one of "
                  + Arrays.stream(MemoryType.values())
                      .map(MemoryType::wireName)
                      .collect(Collectors.joining(", ")));
        }
        yield field == FilterField.TYPE ? MemoryType.fromWire(text).get().wireName() : text;
      }
      case METADATA -> metadataValue(op, v, path);
    };
  }

  private static Object metadataValue(FilterOperator op, JsonNode v, String path) {
    if (op == FilterOperator.CONTAINS || op == FilterOperator.ICONTAINS) {
      return text(v, path);
    }
    if (op.isOrdering()) {
      if (!v.isNumber()) {
        throw new FilterException(path, "must be a number to compare metadata by order");
      }
      return v.decimalValue();
    }
    if (v.isTextual()) {
      return text(v, path);
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    throw new FilterException(path, "only strings, numbers and booleans can be matched");
  }

  private static String text(JsonNode v, String path) {
    if (!v.isTextual()) {
      throw new FilterException(path, "must be a string");
    }
    String s = v.textValue();
    if (s.isEmpty() || s.length() > MAX_TEXT) {
      throw new FilterException(path, "must have 1 to " + MAX_TEXT + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u0000') {
        throw new FilterException(path, "must not contain the NUL character");
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new FilterException(path, "must not contain a lone surrogate");
        }
      }
    }
    return s;
  }

  /** An ISO-8601 date-time with offset, or a date (its start, UTC). */
  static Instant time(JsonNode v, String path) {
    if (!v.isTextual()) {
      throw new FilterException(path, "must be an ISO-8601 date-time such as 2026-11-25T12:00:00Z");
    }
    Instant t;
    try {
      t = OffsetDateTime.parse(v.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        t = LocalDate.parse(v.textValue()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new FilterException(
            path, "must be an ISO-8601 date-time such as 2026-11-25T12:00:00Z");
      }
    }
    if (t.isBefore(MIN) || t.isAfter(MAX)) {
      throw new FilterException(path, "must be a date-time between years 0001 and 9999");
    }
    return t;
  }

  private List<FilterNode> dateRange(JsonNode value, String path) {
    if (value == null || !value.isObject()) {
      throw new FilterException(path, "must be an object with start and/or end");
    }
    List<FilterNode> out = new ArrayList<>();
    Instant start = null;
    Instant end = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = path + "." + e.getKey();
      if (e.getValue().isNull()) {
        continue;
      }
      switch (e.getKey()) {
        case "start" -> start = time(e.getValue(), at);
        case "end" -> end = time(e.getValue(), at);
        default -> throw new FilterException(at, "unknown field; use start or end");
      }
    }
    if (start != null && end != null && start.isAfter(end)) {
      throw new FilterException(
          path + ".start", "is after its end", FilterException.INVALID_DATE_RANGE);
    }
    if (start != null) {
      out.add(counted(FilterField.CREATED_AT, FilterOperator.GTE, start, path));
    }
    if (end != null) {
      out.add(counted(FilterField.CREATED_AT, FilterOperator.LTE, end, path));
    }
    return out;
  }

  private FilterNode counted(FilterField f, FilterOperator op, Object value, String path) {
    if (++conditions > MAX_CONDITIONS) {
      throw new FilterException(path, "a filter holds at most " + MAX_CONDITIONS + " conditions");
    }
    return new FilterNode.Condition(f, List.of(), op, List.of(value));
  }

  /** {@code metadata: {key: value}}: conditions on top-level keys, taken literally. */
  private List<FilterNode> legacyMetadata(JsonNode value, String path) {
    if (value == null || !value.isObject()) {
      throw new FilterException(path, "must be an object of metadata keys");
    }
    if (value.size() > MAX_GROUP) {
      throw new FilterException(path, "at most " + MAX_GROUP + " keys");
    }
    List<FilterNode> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = path + "." + e.getKey();
      if (!LEGACY_KEY.matcher(e.getKey()).matches()) {
        throw new FilterException(at, "metadata keys are 1 to 64 of A-Z, a-z, 0-9, _, . and -");
      }
      out.addAll(field(FilterField.METADATA, List.of(e.getKey()), e.getValue(), at));
    }
    return out;
  }

  /** A number as metadata compares it (for translators that need a double). */
  public static double number(Object value) {
    return value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
  }
}
