package io.membank.governance.retention.service;

/** A retention request refused before anything is written; names the request field at fault. */
public class InvalidRetentionRequestException extends RuntimeException {

  private final String field;

  public InvalidRetentionRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field at fault (snake_case, as on the wire). */
  public String field() {
    return field;
  }
}
