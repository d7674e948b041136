package io.membank.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ClientGoneTest {

  @Test
  void aConnectionClosedWhileReadingTheBodyIsTheCallerHangingUp() {
    // What RESTEasy Reactive throws when a client times out before its body was read.
    var readingBody = new IOException(new HttpClosedException("Connection was closed"));

    assertThat(ClientGone.isGone(readingBody)).isTrue();
    assertThat(ClientGone.isGone(new UncheckedIOException(readingBody))).isTrue();
  }

  @Test
  void aChannelAlreadyClosedWhenTheBodyIsFirstReadIsTheCallerHangingUpToo() {
    // Seen in the load test: the caller's 2 s timeout closed the connection before the worker
    // thread opened the body stream (VertxBlockingInput's constructor throws).
    var closed = new ClosedChannelException();
    closed.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "org.jboss.resteasy.reactive.server.vertx.VertxInputStream$VertxBlockingInput",
              "<init>",
              "VertxInputStream.java",
              184)
        });

    assertThat(ClientGone.isGone(new IOException(closed))).isTrue();
  }

  @Test
  void otherInputFailuresAreNotMistakenForIt() {
    // a closed channel of our own (a file, an index) is a real failure
    assertThat(ClientGone.isGone(new IOException(new ClosedChannelException()))).isFalse();
    assertThat(ClientGone.isGone(new IOException("Connection was closed"))).isFalse();
    assertThat(ClientGone.isGone(new IllegalStateException("boom"))).isFalse();
    assertThat(ClientGone.isGone(null)).isFalse();
  }
}
