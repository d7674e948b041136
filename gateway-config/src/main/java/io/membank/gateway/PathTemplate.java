package io.membank.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An OpenAPI-style path template ({@code /api/v1/memories/{id}}) and the exact-match regular
 * expressions the gateways use for it. A {@code {param}} matches one non-empty segment.
 */
public record PathTemplate(String template, List<String> segments) {

  private static final Pattern LITERAL = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern PARAM = Pattern.compile("\\{[a-z_][a-z0-9_]*}");

  /** What a {@code {param}} segment matches: one non-empty path segment. */
  public static final String PARAM_REGEX = "[^/]+";

  /**
   * Specificity order: templates that can match the same path have the same number of segments;
   * among those, a literal segment beats a parameter at the left-most position where they differ.
   * Longer templates come first and the template text breaks remaining ties, so the order is total
   * and stable.
   */
  public static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST =
      (a, b) -> {
        if (a.segments.size() != b.segments.size()) {
          return Integer.compare(b.segments.size(), a.segments.size());
        }
        for (int i = 0; i < a.segments.size(); i++) {
          boolean pa = isParam(a.segments.get(i));
          boolean pb = isParam(b.segments.get(i));
          if (pa != pb) {
            return pa ? 1 : -1;
          }
        }
        return a.template.compareTo(b.template);
      };

  /** Parses and validates a template. */
  public static PathTemplate parse(String template) {
    if (template == null || !template.startsWith("/") || template.length() < 2) {
      throw new IllegalArgumentException("path must start with / and not be /: " + template);
    }
    if (template.endsWith("/")) {
      throw new IllegalArgumentException("path must not end with /: " + template);
    }
    List<String> segments = new ArrayList<>();
    for (String s : template.substring(1).split("/", -1)) {
      if (!LITERAL.matcher(s).matches() && !PARAM.matcher(s).matches()) {
        throw new IllegalArgumentException(
            "path segment '" + s + "' of " + template + " is neither [a-z0-9._-]+ nor {param}");
      }
      segments.add(s);
    }
    return new PathTemplate(template, List.copyOf(segments));
  }

  static boolean isParam(String segment) {
    return segment.startsWith("{");
  }

  /** The template with every parameter name erased ({@code /a/{}/b}): equal shapes, same paths. */
  public String shape() {
    return normalize(template);
  }

  /** Erases parameter names of any OpenAPI path so templates compare by shape. */
  public static String normalize(String openApiPath) {
    return openApiPath.replaceAll("\\{[^}/]*}", "{}");
  }

  /** Regex body without anchors, e.g. {@code /api/v1/memories/[^/]+}. */
  public String regexBody() {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      sb.append('/');
      sb.append(isParam(s) ? PARAM_REGEX : s.replace(".", "\\."));
    }
    return sb.toString();
  }

  /** The nginx location regex: {@code ^/api/v1/memories/[^/]+$}. */
  public String nginxRegex() {
    return "^" + regexBody() + "$";
  }

  /** The Kong 3.x regex path: {@code ~/api/v1/memories/[^/]+$} (Kong anchors at the start). */
  public String kongPath() {
    return "~" + regexBody() + "$";
  }
}
