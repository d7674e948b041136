package io.membank.audit.api;

import io.membank.audit.chain.ChainHash;
import io.membank.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: the position (a sequence number) bound to the tenant and filters it was made
 * for, so a cursor cannot be replayed against another listing.
 */
public final class Cursor {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursor() {}

  /** A fingerprint of what the listing shows. */
  public static String fingerprint(String tenant, Object filter) {
    return ChainHash.sha256Hex((tenant + "|" + filter).getBytes(StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  public static String encode(long seq, String fingerprint) {
    return ENCODER.encodeToString(
        ("v1:" + seq + ":" + fingerprint).getBytes(StandardCharsets.UTF_8));
  }

  /** The sequence number to continue below; a foreign or damaged cursor is a 400. */
  public static long decode(String cursor, String fingerprint) {
    try {
      String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split(":");
      if (parts.length == 3 && parts[0].equals("v1") && parts[2].equals(fingerprint)) {
        return Long.parseLong(parts[1]);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the problem below
    }
    throw ProblemException.badRequest(
        "invalid-cursor", "the cursor does not belong to this listing; start again without it");
  }
}
