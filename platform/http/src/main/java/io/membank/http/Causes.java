package io.membank.http;

import java.util.function.Predicate;

/** Walks an exception's cause chain (stopping at a self-cause), for the mappers' recognisers. */
final class Causes {

  private Causes() {}

  /** Whether {@code e} or one of its causes matches. */
  static boolean any(Throwable e, Predicate<Throwable> match) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (match.test(t)) {
        return true;
      }
    }
    return false;
  }
}
