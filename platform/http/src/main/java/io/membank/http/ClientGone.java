package io.membank.http;

import java.util.Set;

/**
 * Recognises a failure that only means "the caller hung up before we read its request" (a client
 * timeout, a closed connection): nothing of ours is broken and nobody will read the answer, so it
 * is neither a 500 nor an error in the log. Matched by class name, as {@link Saturation} is.
 */
final class ClientGone {

  /** Vert.x: the HTTP connection closed while the request body was being read. */
  private static final Set<String> CLOSED =
      Set.of(
          "io.vertx.core.http.HttpClosedException",
          "io.netty.channel.StacklessClosedChannelException");

  private ClientGone() {}

  /** Whether {@code e} or one of its causes says the caller's connection closed. */
  static boolean isGone(Throwable e) {
    return Causes.any(e, t -> CLOSED.contains(t.getClass().getName()));
  }
}
