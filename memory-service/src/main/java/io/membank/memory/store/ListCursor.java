package io.membank.memory.store;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a listing page ended, as an opaque token: the last memory's (created_at, id) and the order.
 * The next page starts strictly after it (keyset), so writes meanwhile neither repeat nor skip
 * memories the way an offset would.
 */
public record ListCursor(OffsetDateTime createdAt, UUID id, boolean ascending) {

  private static final String VERSION = "c1";

  /** The token a client gives back as {@code cursor}. */
  public String encode() {
    String raw = VERSION + "|" + createdAt + "|" + id + "|" + (ascending ? "asc" : "desc");
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor of a token, or empty if it is not one this service made. */
  public static Optional<ListCursor> decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", -1);
      if (parts.length != 4 || !VERSION.equals(parts[0])) {
        return Optional.empty();
      }
      if (!parts[3].equals("asc") && !parts[3].equals("desc")) {
        return Optional.empty();
      }
      return Optional.of(
          new ListCursor(
              OffsetDateTime.parse(parts[1]), UUID.fromString(parts[2]), parts[3].equals("asc")));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
