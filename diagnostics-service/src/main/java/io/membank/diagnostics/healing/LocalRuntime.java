package io.membank.diagnostics.healing;

import io.membank.diagnostics.knowledge.ActionType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Heals the stack {@code bin/membank up} runs: {@code bin/membank restart <name>} stops the
 * service's process and starts it again with the same environment (bin/lib/stack.sh), so the local
 * stack really heals. Only restarts: a local stack has no replicas or resource limits.
 */
public class LocalRuntime implements Runtime {

  private final Path command;
  private final Duration timeout;

  public LocalRuntime(Path command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public boolean supports(ActionType type) {
    return type == ActionType.RESTART_SERVICE;
  }

  @Override
  public Map<String, String> execute(ActionType type, String service, Map<String, String> params)
      throws RuntimeActionException {
    if (type != ActionType.RESTART_SERVICE) {
      throw new RuntimeActionException(type.key() + " is not possible on the local stack");
    }
    String name =
        service.endsWith("-service") ? service.substring(0, service.length() - 8) : service;
    if (!name.matches("[a-z]+")) {
      throw new RuntimeActionException("not a service name: " + service);
    }
    run(List.of(command.toString(), "restart", name));
    return Map.of();
  }

  @Override
  public void rollback(ActionType type, String service, Map<String, String> previous)
      throws RuntimeActionException {
    throw new RuntimeActionException("a restart cannot be rolled back");
  }

  private void run(List<String> argv) throws RuntimeActionException {
    try {
      Path log = Files.createTempFile("membank-restart", ".log");
      Process p =
          new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new RuntimeActionException(String.join(" ", argv) + " timed out after " + timeout);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new RuntimeActionException(
            String.join(" ", argv) + " exited " + p.exitValue() + ": " + tail(output));
      }
    } catch (IOException e) {
      throw new RuntimeActionException(String.join(" ", argv) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeActionException("interrupted", e);
    }
  }

  private static String tail(String s) {
    return s.length() <= 400 ? s.strip() : s.substring(s.length() - 400).strip();
  }
}
