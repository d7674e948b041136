package io.membank.privacy.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Plain bench (run by platform/privacy/bench/detect.sh, not by the test suite): precision and
 * recall per type on the corpus, then the time to scan a 1 KB text on one thread — all detectors
 * together and each alone — as p50/p95/p99 over many different texts made of corpus sentences. Both
 * wall time and the thread's CPU time are printed: on a shared, loaded machine the wall time
 * includes waiting for a core, the CPU time is what one scan costs a core.
 */
public final class DetectorBench {

  private static final int TEXTS = 512;
  private static final int WARMUP_ROUNDS = 6;
  private static final int MEASURED_ROUNDS = 6;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DetectorBench() {}

  public static void main(String[] args) {
    Corpus corpus = Corpus.load();
    Scanner scanner = Scanner.defaults();
    System.out.println("## precision / recall on " + corpus.sentences().size() + " sentences");
    System.out.println(Scores.of(corpus, scanner).table());

    List<String> texts = kilobyteTexts(corpus, new Random(16));
    System.out.println("## scan time of a 1 KB text, one thread (" + texts.size() + " texts)");
    System.out.println(
        "| detector | CPU p50 | CPU p95 | CPU p99 | wall p50 | wall p95 | wall p99 |\n"
            + "|---|---|---|---|---|---|---|");
    print("all (Scanner.defaults)", time(texts, scanner));
    if (args.length > 0 && args[0].equals("--all-only")) {
      return;
    }
    for (Detector detector : scanner.detectors()) {
      print(detector.name(), time(texts, new Scanner(List.of(detector))));
    }
  }

  /** Texts of 1024 UTF-8 bytes or a little more, each a different mix of sentences. */
  static List<String> kilobyteTexts(Corpus corpus, Random random) {
    List<String> texts = new ArrayList<>();
    for (int t = 0; t < TEXTS; t++) {
      StringBuilder text = new StringBuilder();
      while (text.toString().getBytes(StandardCharsets.UTF_8).length < 1024) {
        text.append(corpus.sentences().get(random.nextInt(corpus.sentences().size())).text())
            .append(' ');
      }
      texts.add(text.toString());
    }
    return texts;
  }

  /** Sorted CPU times, then sorted wall times, in nanoseconds. */
  private static long[][] time(List<String> texts, Scanner scanner) {
    int sink = 0;
    for (int r = 0; r < WARMUP_ROUNDS; r++) {
      for (String text : texts) {
        sink += scanner.scan(text).size();
      }
    }
    long[] cpu = new long[MEASURED_ROUNDS * texts.size()];
    long[] wall = new long[cpu.length];
    int i = 0;
    for (int r = 0; r < MEASURED_ROUNDS; r++) {
      for (String text : texts) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        sink += scanner.scan(text).size();
        wall[i] = System.nanoTime() - start;
        cpu[i++] = THREADS.getCurrentThreadCpuTime() - cpuStart;
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    return new long[][] {cpu, wall};
  }

  private static void print(String name, long[][] sorted) {
    long[] cpu = sorted[0];
    long[] wall = sorted[1];
    System.out.printf(
        "| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.3f ms |%n",
        name,
        at(cpu, 0.50),
        at(cpu, 0.95),
        at(cpu, 0.99),
        at(wall, 0.50),
        at(wall, 0.95),
        at(wall, 0.99));
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * sorted.length))] / 1e6;
  }
}
