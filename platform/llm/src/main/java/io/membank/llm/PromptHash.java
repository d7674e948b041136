package io.membank.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a prompt for {@code llm.usage}: SHA-256 of exactly what was sent (system and
 * user message), lower-case hex. Identical prompts have identical hashes, so cost-service can
 * measure what a response cache would save; the prompt itself never leaves the service.
 */
public final class PromptHash {

  private PromptHash() {}

  /** The hash of a chat prompt of one system and one user message. */
  public static String of(String system, String user) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(nullToEmpty(system).getBytes(StandardCharsets.UTF_8));
      // A separator that cannot occur in either message, so ("ab", "c") ≠ ("a", "bc").
      sha.update((byte) 0);
      sha.update(nullToEmpty(user).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
