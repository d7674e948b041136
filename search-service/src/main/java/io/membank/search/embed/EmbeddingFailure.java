package io.membank.search.embed;

import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.util.Locale;

/**
 * An embedding call that gave no usable vectors. {@link Kind#UNAVAILABLE} may pass (timeout, 5xx,
 * 429, I/O: worth retrying); the others will not until the configuration changes.
 */
public class EmbeddingFailure extends RuntimeException {

  /** Why no vectors came. */
  public enum Kind {
    /** The model could not answer now: timeout, 5xx, 429, connection refused. */
    UNAVAILABLE,
    /** The model refused the request: bad key, unknown model, invalid request (4xx). */
    REJECTED,
    /** The model answered with vectors of the wrong length or number. */
    DIMENSION;

    /** The metric tag value. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;

  EmbeddingFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** A failed call of the named model, classified by its exception. */
  static EmbeddingFailure of(String model, RuntimeException e) {
    Kind kind =
        e instanceof NonRetriableException && !(e instanceof UnresolvedModelServerException)
            ? Kind.REJECTED
            : Kind.UNAVAILABLE;
    String reason = String.valueOf(e.getMessage());
    if (reason.length() > 300) {
      reason = reason.substring(0, 300) + "…";
    }
    return new EmbeddingFailure(
        kind,
        "embedding model " + model + " failed: " + e.getClass().getSimpleName() + ": " + reason,
        e);
  }

  /** Why. */
  public Kind kind() {
    return kind;
  }

  /** Whether trying again later can help. */
  public boolean retryable() {
    return kind == Kind.UNAVAILABLE;
  }
}
