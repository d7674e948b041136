package io.membank.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Credentials from {@code bin/membank token}: the same path a developer uses. */
final class DevTokens {

  private DevTokens() {}

  static String token(String tenant, String subject, String roles) {
    return token(tenant, subject, roles, 3600);
  }

  /** A credential valid for {@code ttlSeconds} from now. */
  static String token(String tenant, String subject, String roles, long ttlSeconds) {
    Path root = Stack.statusPath().getParent().getParent();
    Path cli = root.resolve("bin").resolve("membank");
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException("bin/membank not found at " + cli);
    }
    try {
      Process p =
          new ProcessBuilder(
                  cli.toString(),
                  "token",
                  "--tenant",
                  tenant,
                  "--subject",
                  subject,
                  "--roles",
                  roles,
                  "--ttl",
                  Long.toString(ttlSeconds))
              .directory(root.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        throw new IllegalStateException("bin/membank token failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
