package io.membank.llm;

/** The model could not give a usable answer within the allowed attempts. */
public class ChatException extends RuntimeException {

  private final long tokensIn;
  private final long tokensOut;

  public ChatException(String message, Throwable cause, long tokensIn, long tokensOut) {
    super(message, cause);
    this.tokensIn = tokensIn;
    this.tokensOut = tokensOut;
  }

  /** Prompt tokens spent on the failed attempts (they are billed all the same). */
  public long tokensIn() {
    return tokensIn;
  }

  /** Completion tokens spent on the failed attempts. */
  public long tokensOut() {
    return tokensOut;
  }
}
