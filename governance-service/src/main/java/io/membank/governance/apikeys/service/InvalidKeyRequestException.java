package io.membank.governance.apikeys.service;

/** A key request the service refuses before writing anything; names the request field at fault. */
public class InvalidKeyRequestException extends RuntimeException {

  private final String field;

  public InvalidKeyRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field at fault (snake_case, as on the wire). */
  public String field() {
    return field;
  }
}
