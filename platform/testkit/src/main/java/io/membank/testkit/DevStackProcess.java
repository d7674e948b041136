package io.membank.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes sure the shared devstack (Kafka, Neo4j, PostgreSQL, Redis) answers, launching it once per
 * JVM as a detached process if needed. It is never stopped here: later test JVMs and modules reuse
 * it, and {@code bin/membank down} stops it.
 */
public final class DevStackProcess {
  /** Loopback address every store listens on. */
  public static final String HOST = "127.0.0.1";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

  private static Endpoints endpoints;

  private DevStackProcess() {}

  /** Ports of the four stores. */
  public record Endpoints(int postgresPort, int redisPort, int kafkaPort, int boltPort) {
    /** The same defaults and environment variables as the devstack itself. */
    static Endpoints fromEnvironment() {
      Map<String, String> env = System.getenv();
      return new Endpoints(
          port(env, "MEMBANK_PG_PORT", 15432),
          port(env, "MEMBANK_REDIS_PORT", 16379),
          port(env, "MEMBANK_KAFKA_PORT", 19092),
          port(env, "MEMBANK_NEO4J_BOLT_PORT", 17687));
    }

    public String kafkaBootstrap() {
      return HOST + ":" + kafkaPort;
    }

    public String boltUri() {
      return "bolt://" + HOST + ":" + boltPort;
    }

    boolean allAnswer() {
      return answers(postgresPort) && answers(redisPort) && answers(kafkaPort) && answers(boltPort);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
      String v = env.get(name);
      return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
  }

  /** Returns the stores' endpoints once all four answer; starts the devstack if needed. */
  public static synchronized Endpoints ensureStarted() {
    if (endpoints != null && endpoints.allAnswer()) {
      return endpoints;
    }
    Endpoints wanted = Endpoints.fromEnvironment();
    if (!wanted.allAnswer()) {
      try {
        launchAndWait(wanted);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the MemBank devstack", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the MemBank devstack", e);
      }
    }
    endpoints = wanted;
    return endpoints;
  }

  /** The repository root: the nearest ancestor of user.dir holding mvnw and platform/devstack. */
  public static Path repoRoot() {
    String override = System.getProperty("membank.root", System.getenv("MEMBANK_ROOT"));
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath().normalize();
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("platform/devstack"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the MemBank repository root (a directory with"
            + " mvnw and platform/devstack) above "
            + dir
            + "; set -Dmembank.root=...");
  }

  /** The devstack's state directory: MEMBANK_HOME, or {@code <root>/.membank}. */
  public static Path home() {
    String override = System.getenv("MEMBANK_HOME");
    return override != null && !override.isBlank()
        ? Path.of(override).toAbsolutePath().normalize()
        : repoRoot().resolve(".membank");
  }

  private static void launchAndWait(Endpoints wanted) throws IOException, InterruptedException {
    Path root = repoRoot();
    Path home = home();
    Path devstackDir = home.resolve("devstack");
    Path ready = devstackDir.resolve("ready.json");
    Path log = home.resolve("logs").resolve("devstack.log");
    Files.createDirectories(devstackDir);
    Files.createDirectories(log.getParent());
    // Test JVMs of modules built in parallel (mvn -T) may all get here: one launches.
    try (FileChannel lockChannel =
            FileChannel.open(
                devstackDir.resolve("launch.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.lock()) {
      if (wanted.allAnswer()) {
        return;
      }
      long logOffset = Files.exists(log) ? Files.size(log) : 0;
      Process launched = null;
      if (livePid(ready).isEmpty() && livePid(devstackDir.resolve("devstack.pid")).isEmpty()) {
        launched = launch(root, home, log, "run");
      }
      awaitReady(wanted, ready, launched, log, logOffset);
    }
  }

  private static Process launch(Path root, Path home, Path log, String command) throws IOException {
    Path classes = root.resolve("platform/devstack/target/classes");
    Path lib = root.resolve("platform/devstack/target/lib");
    if (!Files.isDirectory(lib) || !Files.isDirectory(classes.resolve("io/membank/devstack"))) {
      throw new IllegalStateException(
          "the devstack is not built ("
              + lib
              + " is missing): run"
              + " ./mvnw -pl platform/devstack -am compile");
    }
    List<String> cmd = new ArrayList<>();
    // Detach into its own session when possible, so a Ctrl-C on the build doesn't reach it.
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(javaExecutable().toString());
    cmd.addAll(jvmOptions());
    cmd.addAll(
        List.of(
            "-cp",
            classes + ":" + lib + "/*",
            "io.membank.devstack.DevStack",
            command,
            "--home",
            home.toString()));
    Files.writeString(
        log,
        "# launched by "
            + DevStackProcess.class.getName()
            + " from "
            + System.getProperty("user.dir")
            + ": "
            + String.join(" ", cmd)
            + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    return pb.start();
  }

  /**
   * The JVM that runs these tests: it is the JDK Maven was started with, known to be 21+, even when
   * the shell's JAVA_HOME points elsewhere.
   */
  private static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** Flags for the devstack JVM (2 cores: serial GC; Neo4j and JNA use native code/Unsafe). */
  static List<String> jvmOptions() {
    List<String> opts =
        new ArrayList<>(
            List.of("-Xmx768m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      // JDK 23+ warns on (and will later refuse) Neo4j's sun.misc.Unsafe memory access.
      opts.add("--sun-misc-unsafe-memory-access=allow");
    }
    return opts;
  }

  private static void awaitReady(
      Endpoints wanted, Path ready, Process launched, Path log, long logOffset)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    long storesDownSince = 0;
    while (System.nanoTime() < deadline) {
      if (launched != null && !launched.isAlive()) {
        throw new IllegalStateException(
            "the devstack exited with code "
                + launched.exitValue()
                + " (143 = stopped by SIGTERM, e.g. bin/membank down); its log "
                + log
                + ":\n"
                + logSince(log, logOffset));
      }
      boolean devstackUp = livePid(ready).isPresent();
      if (devstackUp && wanted.allAnswer()) {
        return;
      }
      if (devstackUp && !(answers(wanted.postgresPort()) && answers(wanted.redisPort()))) {
        // The devstack runs but its daemons were stopped (stop-stores): start just those.
        if (storesDownSince == 0) {
          storesDownSince = System.nanoTime();
        } else if (System.nanoTime() - storesDownSince > Duration.ofSeconds(2).toNanos()) {
          startStores(log);
          storesDownSince = 0;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the devstack was not ready within "
            + READY_TIMEOUT.toSeconds()
            + " s; its log "
            + log
            + ":\n"
            + logSince(log, logOffset));
  }

  private static void startStores(Path log) throws IOException, InterruptedException {
    Process p = launch(repoRoot(), home(), log, "start-stores");
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("devstack start-stores failed; see " + log);
    }
  }

  /** The pid recorded in a ready.json or devstack.pid file, if that process is alive. */
  private static Optional<Long> livePid(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String text = Files.readString(file);
    Matcher m = PID.matcher(text);
    String digits = m.find() ? m.group(1) : text.trim();
    long pid;
    try {
      pid = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    // Stale files survive a kill -9; only a live process counts.
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
  }

  /** What the devstack wrote since we launched it (at most the last 60 lines). */
  private static String logSince(Path log, long offset) throws IOException {
    byte[] all = Files.readAllBytes(log);
    String text =
        new String(
            all,
            (int) Math.min(offset, all.length),
            all.length - (int) Math.min(offset, all.length),
            StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
