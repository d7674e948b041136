package io.membank.memory.ingest;

import java.time.OffsetDateTime;

/**
 * One turn of a conversation a job learns from.
 *
 * @param id the client's message id, kept in the memories' provenance
 * @param role user, assistant, system or tool: facts come from the user's turns
 * @param content what was said
 * @param timestamp when it was said, if the client knows
 * @param name the speaker's name, if the client gave one
 */
public record Turn(String id, String role, String content, OffsetDateTime timestamp, String name) {

  /** Role of the person whose memories these are. */
  public static final String USER = "user";

  /** A turn without a speaker's name. */
  public Turn(String id, String role, String content, OffsetDateTime timestamp) {
    this(id, role, content, timestamp, null);
  }

  /** Whether the user said it (facts are extracted from these turns only). */
  public boolean byUser() {
    return USER.equals(role);
  }
}
