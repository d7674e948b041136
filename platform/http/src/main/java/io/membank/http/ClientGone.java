package io.membank.http;

import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
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

  /**
   * RESTEasy Reactive's request body stream: a {@link ClosedChannelException} raised there (the
   * connection was already closed when the body was first read) is the caller hanging up; one
   * raised anywhere else (a file channel of ours) is not.
   */
  private static final String REQUEST_BODY =
      "org.jboss.resteasy.reactive.server.vertx.VertxInputStream";

  private ClientGone() {}

  /** Whether {@code e} or one of its causes says the caller's connection closed. */
  static boolean isGone(Throwable e) {
    return Causes.any(
        e,
        t ->
            CLOSED.contains(t.getClass().getName())
                || (t instanceof ClosedChannelException && raisedReadingTheRequest(t)));
  }

  private static boolean raisedReadingTheRequest(Throwable t) {
    return Arrays.stream(t.getStackTrace())
        .anyMatch(frame -> frame.getClassName().startsWith(REQUEST_BODY));
  }
}
