package io.membank.testkit;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The devstack's Redis ({@code quarkus.redis.hosts}) plus a random key prefix for isolation ({@code
 * membank.redis.key-prefix=t<random8>:}); keys under the prefix are deleted on stop. Init arg
 * {@code database} (or {@link WithRedis#database}) selects the logical database.
 */
public class RedisResource implements QuarkusTestResourceConfigurableLifecycleManager<WithRedis> {
  private int database;
  private int port;
  private String prefix;

  @Override
  public void init(Map<String, String> initArgs) {
    database = Integer.parseInt(initArgs.getOrDefault("database", "0"));
  }

  @Override
  public void init(WithRedis annotation) {
    database = annotation.database();
  }

  @Override
  public Map<String, String> start() {
    port = DevStackProcess.ensureStarted().redisPort();
    prefix = "t" + Names.random8() + ":";
    return Map.of(
        "quarkus.redis.hosts",
        "redis://" + DevStackProcess.HOST + ":" + port + "/" + database,
        "quarkus.redis.devservices.enabled",
        "false",
        "membank.redis.key-prefix",
        prefix);
  }

  @Override
  public void stop() {
    if (prefix == null) {
      return;
    }
    // Best effort: the prefix is random, so anything left behind never collides.
    String script =
        "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do"
            + " redis.call('DEL', k) n = n + 1 end return n";
    try {
      command(port, "SELECT", String.valueOf(database), "EVAL", script, "0", prefix + "*");
    } catch (IOException e) {
      // Cleanup failing must not fail the test run.
    }
    prefix = null;
  }

  /** Sends two pipelined RESP commands (SELECT db, then the given one); returns the raw reply. */
  static String command(int port, String... selectThenCommand) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(DevStackProcess.HOST, port), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(resp(selectThenCommand[0], selectThenCommand[1]));
      String[] rest = new String[selectThenCommand.length - 2];
      System.arraycopy(selectThenCommand, 2, rest, 0, rest.length);
      out.write(resp(rest));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] resp(String... args) {
    StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$')
          .append(a.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(a)
          .append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
