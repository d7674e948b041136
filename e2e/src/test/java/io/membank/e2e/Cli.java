package io.membank.e2e;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/membank} as a user would. */
final class Cli {

  private Cli() {}

  static Path root() {
    return Stack.statusPath().getParent().getParent();
  }

  /** Runs the command and returns its standard output; fails on a non-zero exit. */
  static String run(long timeoutSeconds, String... args) {
    List<String> command = new ArrayList<>();
    command.add(root().resolve("bin").resolve("membank").toString());
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(root().toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("bin/membank " + String.join(" ", args) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "bin/membank " + String.join(" ", args) + " exited " + p.exitValue() + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code bin/membank status --json}. */
  static JsonPath status() {
    return JsonPath.from(run(60, "status", "--json"));
  }
}
