package io.membank.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Redis from the Debian package, daemonized so it outlives the devstack JVM; no persistence. */
final class RedisNode {
  private final DevStackConfig config;

  RedisNode(DevStackConfig config) {
    this.config = config;
  }

  private Path pidFile() {
    return config.redisDir().resolve("redis.pid");
  }

  void ensureRunning() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    if (Net.answers(config.redisPort())) {
      Events.log("devstack.redis.already-running", "port", config.redisPort());
      return;
    }
    if (!Proc.onPath("redis-server")) {
      throw new IllegalStateException(
          "redis-server is not installed: run bin/membank setup"
              + " (it runs apt-get install -y redis-server)");
    }
    Files.createDirectories(config.redisDir());
    Files.createDirectories(config.logsDir());
    Path log = config.logsDir().resolve("redis.log");
    List<String> cmd = new ArrayList<>();
    if (Proc.onPath("setsid")) {
      cmd.add("setsid");
    }
    cmd.addAll(
        List.of(
            "redis-server",
            "--port",
            String.valueOf(config.redisPort()),
            "--bind",
            Net.HOST,
            "--daemonize",
            "yes",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            config.redisDir().toString(),
            "--pidfile",
            pidFile().toString(),
            "--logfile",
            log.toString()));
    Proc.Result r = Proc.run(cmd);
    if (!r.ok() || !Net.await(() -> Net.redisPongs(config.redisPort()), Duration.ofSeconds(15))) {
      throw new IllegalStateException(
          "Redis did not start on port "
              + config.redisPort()
              + ": "
              + r.output()
              + " (see "
              + log
              + ")");
    }
    Events.log("devstack.redis.started", "port", config.redisPort(), "ms", Events.since(t0));
  }

  void stop() throws IOException, InterruptedException {
    if (!Net.answers(config.redisPort())) {
      Events.log("devstack.redis.not-running", "port", config.redisPort());
      return;
    }
    if (Proc.onPath("redis-cli")) {
      Proc.Result r =
          Proc.run(
              List.of(
                  "redis-cli",
                  "-h",
                  Net.HOST,
                  "-p",
                  String.valueOf(config.redisPort()),
                  "shutdown",
                  "nosave"),
              null,
              20);
      if (Net.await(() -> !Net.answers(config.redisPort()), Duration.ofSeconds(10))) {
        Events.log("devstack.redis.stopped", "port", config.redisPort());
        return;
      }
      Events.log("devstack.redis.cli-shutdown-failed", "output", r.output());
    }
    if (Files.exists(pidFile())) {
      long pid = Long.parseLong(Files.readString(pidFile()).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      Net.await(() -> !Net.answers(config.redisPort()), Duration.ofSeconds(10));
    }
    Events.log(
        Net.answers(config.redisPort()) ? "devstack.redis.stop-failed" : "devstack.redis.stopped",
        "port",
        config.redisPort());
  }
}
