package io.membank.audit.chain;

/** A row of {@code audit_record} as read back: its columns, hashed body and links. */
public record StoredRow(RecordBody.Columns columns, String body, String prevHash, String hash) {

  public long seq() {
    return columns.seq();
  }

  public String eventId() {
    return columns.eventId();
  }
}
