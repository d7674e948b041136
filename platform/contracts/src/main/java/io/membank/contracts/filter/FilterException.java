package io.membank.contracts.filter;

/** A filter the language refuses, with the path of the offending part ({@code filters.AND[1]}). */
public final class FilterException extends IllegalArgumentException {

  /** Problem slug of most refusals. */
  public static final String INVALID_FILTER = "invalid-filter";

  /** Problem slug of a time window that ends before it starts. */
  public static final String INVALID_DATE_RANGE = "invalid-date-range";

  private final String path;
  private final String reason;
  private final String slug;

  FilterException(String path, String reason) {
    this(path, reason, INVALID_FILTER);
  }

  FilterException(String path, String reason, String slug) {
    super(path + ": " + reason);
    this.path = path;
    this.reason = reason;
    this.slug = slug;
  }

  /** What is wrong, without the path. */
  public String reason() {
    return reason;
  }

  /** The problem type's slug ({@link #INVALID_FILTER} or {@link #INVALID_DATE_RANGE}). */
  public String slug() {
    return slug;
  }

  /** Where in the request the problem is, e.g. {@code filters.AND[1].importance.gtee}. */
  public String path() {
    return path;
  }
}
