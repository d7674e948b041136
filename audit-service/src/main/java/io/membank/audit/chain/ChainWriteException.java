package io.membank.audit.chain;

import java.sql.SQLException;

/** Appending to a chain failed in the database; {@link #isDataError()} tells whether to retry. */
public class ChainWriteException extends RuntimeException {

  private final String sqlState;

  public ChainWriteException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
    this.sqlState = cause.getSQLState();
  }

  /** The PostgreSQL error code, or null. */
  public String sqlState() {
    return sqlState;
  }

  /**
   * Whether the records themselves were refused (data exception, constraint, limit): retrying the
   * same records fails again, so they must be set aside. Otherwise the failure is transient.
   */
  public boolean isDataError() {
    return sqlState != null
        && (sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("54"));
  }
}
