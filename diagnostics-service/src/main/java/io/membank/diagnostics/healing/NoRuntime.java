package io.membank.diagnostics.healing;

import io.membank.diagnostics.knowledge.ActionType;
import java.util.Map;

/** No runtime configured: every action is refused with that reason (recommendations only). */
public class NoRuntime implements Runtime {

  @Override
  public String name() {
    return "none";
  }

  @Override
  public boolean supports(ActionType type) {
    return false;
  }

  @Override
  public Map<String, String> execute(ActionType type, String service, Map<String, String> p)
      throws RuntimeActionException {
    throw new RuntimeActionException("no runtime configured (membank.diagnostics.healing.runtime)");
  }

  @Override
  public void rollback(ActionType type, String service, Map<String, String> previous)
      throws RuntimeActionException {
    throw new RuntimeActionException("no runtime configured");
  }
}
