package io.membank.identity.apikey;

import io.membank.contracts.ApiKeyRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Plain bench (run by platform/identity/bench/apikeys.sh, not by the test suite): what verifying an
 * API key costs a service — an argon2id verification at the default cost (the first request of a
 * client) and a remembered one (every later request) — as p50/p95/p99 of the wall time and of the
 * thread's CPU time (on a shared machine the wall time includes waiting for a core).
 */
public final class ApiKeyBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ApiKeyBench() {}

  public static void main(String[] args) {
    int hashes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int cached = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    String secret = ApiKeyFormat.newSecret();
    String hash = ApiKeyHasher.hash(secret, ApiKeyHasher.Cost.DEFAULT);
    for (int i = 0; i < 5; i++) {
      ApiKeyHasher.verify(secret, hash); // warm-up
    }
    long[][] argon = measure(hashes, () -> ApiKeyHasher.verify(secret, hash));

    ApiKeyDirectory directory = new ApiKeyDirectory(Duration.ofMinutes(5), 10_000);
    directory.apply(
        "benchkey00000000",
        new ApiKeyRecord(
            "benchkey00000000",
            "acme",
            1,
            List.of("reader"),
            null,
            null,
            null,
            false,
            List.of(new ApiKeyRecord.Secret(hash, null))));
    ApiKeyFormat.Parts parts = new ApiKeyFormat.Parts("benchkey00000000", secret);
    Instant now = Instant.now();
    directory.verify(parts, now);
    for (int i = 0; i < 20_000; i++) {
      directory.verify(parts, now); // warm-up
    }
    long[][] remembered = measure(cached, () -> directory.verify(parts, now));

    System.out.println("| verification | n | wall p50 | wall p95 | wall p99 | CPU p50 | CPU p95 |");
    System.out.println("|---|---|---|---|---|---|---|");
    row("argon2id (m=19456 KiB, t=2, p=1): first request", argon);
    row("remembered success (SHA-256 + map lookup): later requests", remembered);
  }

  private static long[][] measure(int n, Runnable work) {
    long[] wall = new long[n];
    long[] cpu = new long[n];
    for (int i = 0; i < n; i++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      work.run();
      wall[i] = System.nanoTime() - w0;
      cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new long[][] {wall, cpu};
  }

  private static void row(String what, long[][] times) {
    long[] wall = times[0];
    long[] cpu = times[1];
    System.out.printf(
        "| %s | %d | %s | %s | %s | %s | %s |%n",
        what,
        wall.length,
        format(pct(wall, 50)),
        format(pct(wall, 95)),
        format(pct(wall, 99)),
        format(pct(cpu, 50)),
        format(pct(cpu, 95)));
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static String format(long nanos) {
    return nanos >= 1_000_000
        ? String.format("%.1f ms", nanos / 1e6)
        : String.format("%.1f µs", nanos / 1e3);
  }
}
