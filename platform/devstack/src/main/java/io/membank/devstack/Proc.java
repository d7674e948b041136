package io.membank.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short external commands (initdb, pg_ctl, psql, redis-*) and captures their output. */
final class Proc {
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private Proc() {}

  /** Result of a finished command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  static boolean isRoot() {
    return ROOT;
  }

  /** Prefix that runs a command as {@code user} when we are root (initdb/postgres refuse root). */
  static List<String> as(String user, List<String> command) {
    if (!ROOT) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  static Result run(List<String> command, String stdin, long timeoutSeconds)
      throws IOException, InterruptedException {
    // Output goes to a file, not a pipe: daemons forked by pg_ctl/redis-server inherit the
    // child's descriptors and would keep a pipe open forever.
    Path out = Files.createTempFile("membank-devstack-", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      if (stdin == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      }
      Process p = pb.start();
      if (stdin != null) {
        try (var w = p.getOutputStream()) {
          w.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(out);
    }
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, null, 120);
  }

  static boolean onPath(String executable) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
        return true;
      }
    }
    return false;
  }
}
