package io.membank.memory.privacy.service;

/**
 * The policy a tenant's text must go through is not known for certain right now, so the text must
 * not be processed yet (fail closed): the job waits and is retried, an edit is answered 503.
 */
public class PolicyUnknownException extends RuntimeException {

  /** Why the policy is not known. */
  public enum Reason {
    /** The feed has not yet read the policy topic up to where it ended at start-up. */
    LOADING,
    /** The tenant has no policy of its own and the feed could not confirm it is current. */
    STALE,
    /** The tenant's latest policy record could not be read. */
    UNREADABLE,
    /** The policy asks for a keyed action (hash, tokenize, encrypt) and no keyring is set. */
    NO_KEYRING
  }

  private final Reason reason;

  public PolicyUnknownException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
