package io.membank.diagnostics.healing;

import io.membank.diagnostics.knowledge.ActionType;
import java.util.Map;

/**
 * Where healing actions take effect: the Kubernetes API or the local {@code bin/membank} stack.
 * Implementations do one thing per call and say what they changed, so it can be undone.
 */
public interface Runtime {

  /** Short name for the history ({@code kubernetes}, {@code local}, {@code none}). */
  String name();

  /** Whether this runtime can perform the action type at all. */
  boolean supports(ActionType type);

  /**
   * Performs the action on a service (its deployment / process name, e.g. {@code graph-service}).
   *
   * @return the state before, enough for {@link #rollback}; empty when there is nothing to undo
   * @throws RuntimeActionException when the action could not be performed
   */
  Map<String, String> execute(ActionType type, String service, Map<String, String> parameters)
      throws RuntimeActionException;

  /** Restores the state {@link #execute} returned. */
  void rollback(ActionType type, String service, Map<String, String> previous)
      throws RuntimeActionException;

  /** An action the runtime could not perform. */
  class RuntimeActionException extends Exception {
    public RuntimeActionException(String message) {
      super(message);
    }

    public RuntimeActionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
