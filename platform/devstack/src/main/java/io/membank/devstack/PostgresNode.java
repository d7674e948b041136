package io.membank.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * PostgreSQL 15 from the Debian packages: one cluster per devstack home, started with pg_ctl so
 * that it outlives the devstack JVM, plus one role and database per service that owns data.
 */
final class PostgresNode {
  /** Services that keep their state in PostgreSQL; each gets role and database membank_svc. */
  static final List<String> SERVICES =
      List.of("memory", "audit", "governance", "diagnostics", "cost");

  /**
   * Services whose database is owned by a separate role, membank_svc_owner, that only Flyway uses
   * (bin/membank passes it as quarkus.flyway.username): the service's own role membank_svc gets
   * what the migrations grant it and no more. audit-service: its runtime role must not be able to
   * change or delete audit records.
   */
  static final List<String> OWNER_SEPARATED = List.of("audit");

  private static final String PG_USER = "postgres";

  private final DevStackConfig config;
  private final Path bin;

  PostgresNode(DevStackConfig config) {
    this.config = config;
    this.bin =
        Path.of(System.getenv().getOrDefault("MEMBANK_PG_BIN", "/usr/lib/postgresql/15/bin"));
  }

  /** Where the cluster lives; decided the same way by {@code run} and {@code stop-stores}. */
  record Layout(Path base, Path data, Path socketDir, Path logFile, boolean fallback) {}

  Layout layout() throws IOException, InterruptedException {
    Path base = config.pgDir();
    if (Proc.isRoot() && !postgresCanTraverse(config.home())) {
      // The server runs as `postgres`: a home under a private directory (mktemp -d, /root)
      // is unreachable for it, so the cluster moves to a world-traversable place.
      Path fallback = Path.of("/var/tmp", "membank-pg-" + shortHash(config.home().toString()));
      return new Layout(
          fallback,
          fallback.resolve("data"),
          fallback.resolve("run"),
          fallback.resolve("pg.log"),
          true);
    }
    return new Layout(
        base, base.resolve("data"), base.resolve("run"), config.logsDir().resolve("pg.log"), false);
  }

  void ensureRunning() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    if (Net.answers(config.pgPort())) {
      Events.log("devstack.postgres.already-running", "port", config.pgPort());
    } else {
      requireBinaries();
      Layout layout = layout();
      if (layout.fallback()) {
        Events.log(
            "devstack.postgres.data-dir-fallback",
            "reason",
            "postgres user cannot traverse " + config.home(),
            "dir",
            layout.data());
      }
      prepareDirectories(layout);
      if (!Files.exists(layout.data().resolve("PG_VERSION"))) {
        initdb(layout);
      }
      start(layout);
      Events.log(
          "devstack.postgres.started",
          "port",
          config.pgPort(),
          "ms",
          Events.since(t0),
          "data",
          layout.data());
    }
    ensureServiceDatabases();
  }

  void stop() throws IOException, InterruptedException {
    Layout layout = layout();
    if (!Files.exists(layout.data().resolve("postmaster.pid"))) {
      Events.log("devstack.postgres.not-running", "data", layout.data());
      return;
    }
    Proc.Result r =
        Proc.run(
            Proc.as(
                PG_USER,
                List.of(pgCtl(), "-D", layout.data().toString(), "-w", "-m", "fast", "stop")));
    Events.log(
        r.ok() ? "devstack.postgres.stopped" : "devstack.postgres.stop-failed",
        "port",
        config.pgPort(),
        "output",
        r.output());
  }

  private void requireBinaries() {
    if (!Files.isExecutable(bin.resolve("pg_ctl")) || !Files.isExecutable(bin.resolve("initdb"))) {
      throw new IllegalStateException(
          "PostgreSQL 15 binaries not found in "
              + bin
              + " (set MEMBANK_PG_BIN, or run bin/membank setup)");
    }
  }

  private void prepareDirectories(Layout layout) throws IOException, InterruptedException {
    Files.createDirectories(layout.base());
    Files.createDirectories(layout.socketDir());
    Files.createDirectories(layout.logFile().getParent());
    if (!Files.exists(layout.logFile())) {
      Files.createFile(layout.logFile());
    }
    if (!Files.exists(layout.data())) {
      Files.createDirectories(layout.data());
      // initdb insists on a private data directory.
      Files.setPosixFilePermissions(layout.data(), PosixFilePermissions.fromString("rwx------"));
    }
    if (Proc.isRoot()) {
      Files.setPosixFilePermissions(layout.base(), PosixFilePermissions.fromString("rwxr-xr-x"));
      for (Path p : List.of(layout.data(), layout.socketDir(), layout.logFile())) {
        Proc.Result r = Proc.run(List.of("chown", "-R", PG_USER + ":" + PG_USER, p.toString()));
        if (!r.ok()) {
          throw new IllegalStateException("chown " + p + " failed: " + r.output());
        }
      }
    }
  }

  private void initdb(Layout layout) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                layout.data().toString(),
                "--auth=trust",
                "-U",
                PG_USER,
                "--encoding=UTF8"));
    Proc.Result r = Proc.run(Proc.as(PG_USER, concat(cmd, "--locale=C.UTF-8")));
    if (!r.ok()) {
      // Minimal images may lack C.UTF-8; plain C is always there. initdb left nothing usable.
      Proc.run(
          Proc.as(PG_USER, List.of("find", layout.data().toString(), "-mindepth", "1", "-delete")));
      r = Proc.run(Proc.as(PG_USER, concat(cmd, "--locale=C")));
    }
    if (!r.ok()) {
      throw new IllegalStateException("initdb failed:\n" + r.output());
    }
    Events.log("devstack.postgres.initdb", "data", layout.data(), "ms", Events.since(t0));
  }

  private void start(Layout layout) throws IOException, InterruptedException {
    // fsync and synchronous commit are off: this cluster only holds disposable dev/test data,
    // and test suites create and drop databases constantly. A kill -9 of the server is still
    // safe; only an OS crash can lose recent writes.
    String options =
        "-p "
            + config.pgPort()
            + " -k "
            + layout.socketDir()
            + " -c listen_addresses=127.0.0.1 -c max_connections=200"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    List<String> cmd = new ArrayList<>();
    if (Proc.onPath("setsid")) {
      // Own session: a Ctrl-C aimed at the devstack (or a test JVM) must not reach postgres.
      cmd.add("setsid");
    }
    cmd.addAll(
        Proc.as(
            PG_USER,
            List.of(
                pgCtl(),
                "-w",
                "-t",
                "60",
                "-D",
                layout.data().toString(),
                "-l",
                layout.logFile().toString(),
                "-o",
                options,
                "start")));
    Proc.Result r = Proc.run(cmd);
    if (!r.ok() || !Net.await(() -> Net.answers(config.pgPort()), Duration.ofSeconds(30))) {
      throw new IllegalStateException(
          "PostgreSQL did not start on port "
              + config.pgPort()
              + ": "
              + r.output()
              + " (see "
              + layout.logFile()
              + ")");
    }
  }

  /**
   * Idempotently creates role and database membank_svc (password = name; local dev only); for the
   * {@link #OWNER_SEPARATED} services also the owner role membank_svc_owner, which owns the
   * database, while the runtime role may only connect to it.
   */
  void ensureServiceDatabases() throws IOException, InterruptedException {
    StringBuilder sql = new StringBuilder();
    for (String svc : SERVICES) {
      String name = "membank_" + svc;
      String owner = OWNER_SEPARATED.contains(svc) ? name + "_owner" : name;
      createRole(sql, name);
      if (!owner.equals(name)) {
        createRole(sql, owner);
      }
      sql.append("SELECT 'CREATE DATABASE ")
          .append(name)
          .append(" OWNER ")
          .append(owner)
          .append("' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '")
          .append(name)
          .append("')\\gexec\n");
      if (!owner.equals(name)) {
        sql.append("GRANT CONNECT, TEMPORARY ON DATABASE ")
            .append(name)
            .append(" TO ")
            .append(name)
            .append(";\n");
      }
    }
    // diagnostics-service reads every service's sessions (state, waits) in pg_stat_activity.
    sql.append("GRANT pg_monitor TO membank_diagnostics;\n");
    Proc.Result r = Proc.run(psql("postgres", "-f", "-"), sql.toString(), 60);
    if (!r.ok()) {
      throw new IllegalStateException("creating service databases failed: " + r.output());
    }
    Events.log(
        "devstack.postgres.databases",
        "names",
        "membank_{" + String.join(",", SERVICES) + "}",
        "owner_separated",
        String.join(",", OWNER_SEPARATED));
  }

  private static void createRole(StringBuilder sql, String role) {
    sql.append("SELECT 'CREATE ROLE ")
        .append(role)
        .append(" LOGIN PASSWORD ''")
        .append(role)
        .append("''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '")
        .append(role)
        .append("')\\gexec\n");
  }

  List<String> psql(String database, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                psqlBinary(),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                Net.HOST,
                "-p",
                String.valueOf(config.pgPort()),
                "-U",
                PG_USER,
                "-d",
                database));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private String psqlBinary() {
    Path p = bin.resolve("psql");
    return Files.isExecutable(p) ? p.toString() : "psql";
  }

  private String pgCtl() {
    return bin.resolve("pg_ctl").toString();
  }

  private static boolean postgresCanTraverse(Path dir) throws IOException, InterruptedException {
    return Proc.run(List.of("runuser", "-u", PG_USER, "--", "test", "-x", dir.toString())).ok();
  }

  private static List<String> concat(List<String> list, String last) {
    List<String> copy = new ArrayList<>(list);
    copy.add(last);
    return copy;
  }

  static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
