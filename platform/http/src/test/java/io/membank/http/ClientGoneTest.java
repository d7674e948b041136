package io.membank.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  void otherInputFailuresAreNotMistakenForIt() {
    assertThat(ClientGone.isGone(new IOException("Connection was closed"))).isFalse();
    assertThat(ClientGone.isGone(new IllegalStateException("boom"))).isFalse();
    assertThat(ClientGone.isGone(null)).isFalse();
  }
}
