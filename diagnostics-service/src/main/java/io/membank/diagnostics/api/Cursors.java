package io.membank.diagnostics.api;

import io.membank.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset cursors: the (time, id) of the last item of a page. */
final class Cursors {

  /** A decoded position. */
  record Position(Instant at, UUID id) {}

  private Cursors() {}

  static String encode(Instant at, UUID id) {
    String raw = "v1|" + at.getEpochSecond() + "|" + at.getNano() + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The position, null for no cursor; a damaged cursor is a 400. */
  static Position decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] p =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (p.length == 4 && p[0].equals("v1")) {
        return new Position(
            Instant.ofEpochSecond(Long.parseLong(p[1]), Long.parseLong(p[2])),
            UUID.fromString(p[3]));
      }
    } catch (IllegalArgumentException e) {
      // falls through
    }
    throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this API issued");
  }
}
