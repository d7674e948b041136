package io.membank.memory.privacy.service;

/** A text contained a value the tenant's policy blocks: nothing of the write may be stored. */
public class BlockedByPolicyException extends RuntimeException {

  private final transient Protection protection;

  public BlockedByPolicyException(String reason, Protection protection) {
    super(reason);
    this.protection = protection;
  }

  /** What was found (types and counts), the blocking types among them. */
  public Protection protection() {
    return protection;
  }
}
