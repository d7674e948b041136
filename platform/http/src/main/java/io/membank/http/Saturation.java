package io.membank.http;

import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Recognises a failure that means "a pool or queue of ours is full right now", which the caller
 * should retry later (503 with Retry-After), not "we are broken" (500). Matched by class name so
 * that platform/http needs neither the Vert.x Redis client nor Agroal on its class path.
 */
public final class Saturation {

  /** Vert.x (Redis, HTTP clients): more waiters than the pool's max-pool-waiting. */
  private static final Set<String> POOL_EXHAUSTED =
      Set.of(
          "io.vertx.core.http.ConnectionPoolTooBusyException",
          "io.vertx.core.net.impl.pool.ConnectionPoolTooBusyException");

  /** Agroal's message when no JDBC connection frees up within the acquisition timeout. */
  private static final String AGROAL_TIMEOUT = "acquisition timeout";

  private Saturation() {}

  /** Whether {@code e} or one of its causes says a pool or a queue was full. */
  public static boolean isSaturated(Throwable e) {
    return Causes.any(
        e,
        t ->
            t instanceof RejectedExecutionException
                || POOL_EXHAUSTED.contains(t.getClass().getName())
                || (t instanceof java.sql.SQLException
                    && t.getMessage() != null
                    && t.getMessage().contains(AGROAL_TIMEOUT)));
  }
}
