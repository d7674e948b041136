package io.membank.diagnostics.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what Micrometer serves on {@code
 * /q/metrics}): comment lines are skipped, label values may hold escaped quotes, commas and braces.
 */
public final class PrometheusText {

  /** One sample line: metric name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public String label(String key) {
      return labels.getOrDefault(key, "");
    }
  }

  private PrometheusText() {}

  /** Every sample of the document; malformed lines are skipped, not fatal. */
  public static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Sample sample = parseLine(trimmed);
      if (sample != null) {
        samples.add(sample);
      }
    }
    return samples;
  }

  static Sample parseLine(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = parseLabels(line, i + 1, labels);
      if (i < 0) {
        return null;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
      return null;
    }
    try {
      return new Sample(name, labels, parseValue(rest[0]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Parses {@code k="v",...}} from {@code i}; returns the index after '}', or -1. */
  private static int parseLabels(String line, int i, Map<String, String> labels) {
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i + 1;
      }
      if (c == ',' || Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (j < line.length() && line.charAt(j) != '"') {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < line.length()) {
          char next = line.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(v);
        }
        j++;
      }
      if (j >= line.length()) {
        return -1;
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
    return -1;
  }

  private static double parseValue(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  /** Sum of the samples named {@code name} that match {@code filter}; NaN when there is none. */
  public static double sum(List<Sample> samples, String name, Predicate<Sample> filter) {
    double total = 0;
    boolean found = false;
    for (Sample s : samples) {
      if (s.name().equals(name) && filter.test(s) && !Double.isNaN(s.value())) {
        total += s.value();
        found = true;
      }
    }
    return found ? total : Double.NaN;
  }

  /** Largest sample named {@code name}; NaN when there is none. */
  public static double max(List<Sample> samples, String name) {
    double max = Double.NaN;
    for (Sample s : samples) {
      if (s.name().equals(name) && !Double.isNaN(s.value())) {
        max = Double.isNaN(max) ? s.value() : Math.max(max, s.value());
      }
    }
    return max;
  }
}
