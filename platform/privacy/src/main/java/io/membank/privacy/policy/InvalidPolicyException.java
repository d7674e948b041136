package io.membank.privacy.policy;

/**
 * A policy that cannot be read; {@link #field()} names the offending field, e.g. {@code
 * rules[2].action}.
 */
public final class InvalidPolicyException extends IllegalArgumentException {

  private final String field;

  public InvalidPolicyException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
