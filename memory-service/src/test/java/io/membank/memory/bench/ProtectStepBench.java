package io.membank.memory.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.memory.decide.MergeStrategy;
import io.membank.memory.ingest.JobInput;
import io.membank.memory.ingest.Turn;
import io.membank.memory.ingest.pipeline.ClaimedJob;
import io.membank.memory.ingest.pipeline.ProtectSteps;
import io.membank.memory.privacy.PrivacyFixtures;
import io.membank.memory.privacy.service.PolicyBook;
import io.membank.memory.privacy.service.TenantProtector;
import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.PolicySet;
import io.membank.privacy.policy.Region;
import io.membank.privacy.policy.Rule;
import io.membank.privacy.protect.Protector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Plain bench (memory-service/bench/protect.sh, not part of the test suite): what ProtectStep adds
 * to one ingestion job, per job, on realistic jobs — each session of bench/conversations (English
 * and Chinese turns) as an import job, every third turn carrying a sentence with personal data from
 * platform/privacy's labelled corpus, plus a rolling summary and metadata. Prints CPU and wall
 * p50/p95/p99 per policy: the built-in default, redact everything, tokenize emails (keyed).
 */
public final class ProtectStepBench {

  private static final int WARMUP_ROUNDS = 20;
  private static final int MEASURED_ROUNDS = 30;
  private static final Pattern MARK = Pattern.compile("\\[\\[[A-Z_]+:(.*?)]]");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ProtectStepBench() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "..");
    List<String> pii = piiSentences(root.resolve("platform/privacy/src/test/resources/corpus"));
    List<ClaimedJob> jobs = jobs(root.resolve("bench/conversations/dataset.json"), pii);
    int chars = jobs.stream().mapToInt(ProtectStepBench::chars).sum();
    System.out.printf(
        "## ProtectStep per job: %d jobs (sessions of bench/conversations), %d chars per job on"
            + " average, a personal-data sentence in every third turn%n",
        jobs.size(), chars / jobs.size());
    System.out.println(
        "| policy | CPU p50 | CPU p95 | CPU p99 | wall p50 | wall p95 | wall p99 |\n"
            + "|---|---|---|---|---|---|---|");
    run("built-in default", PolicySet.builtInDefault().forTenant("bench"), jobs);
    run(
        "redact everything",
        new PolicySet("bench", 1, Region.GLOBAL, List.of(), Action.REDACT),
        jobs);
    run(
        "tokenize EMAIL, redact the rest",
        new PolicySet(
            "bench",
            2,
            Region.GLOBAL,
            List.of(Rule.forType(DataType.EMAIL, Action.TOKENIZE)),
            Action.REDACT),
        jobs);
  }

  private static void run(String name, PolicySet policy, List<ClaimedJob> jobs) {
    PolicyBook book = new PolicyBook(Duration.ofMinutes(1), Clock.systemUTC());
    book.put(policy);
    book.confirmCurrent();
    var step =
        ProtectSteps.of(
            new TenantProtector(
                book, Optional.of(PrivacyFixtures.randomKeyring()), new Protector()));
    int sink = 0;
    for (int r = 0; r < WARMUP_ROUNDS; r++) {
      for (ClaimedJob job : jobs) {
        sink += step.protect(job).protection().counts().size();
      }
    }
    long[] cpu = new long[MEASURED_ROUNDS * jobs.size()];
    long[] wall = new long[cpu.length];
    int i = 0;
    for (int r = 0; r < MEASURED_ROUNDS; r++) {
      for (ClaimedJob job : jobs) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        sink += step.protect(job).protection().counts().size();
        wall[i] = System.nanoTime() - start;
        cpu[i++] = THREADS.getCurrentThreadCpuTime() - cpuStart;
      }
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(
        "| %s | %s | %s | %s | %s | %s | %s |%n",
        name,
        ms(cpu, 0.50),
        ms(cpu, 0.95),
        ms(cpu, 0.99),
        ms(wall, 0.50),
        ms(wall, 0.95),
        ms(wall, 0.99));
    if (sink == 42) {
      System.out.println(); // keeps the work observable
    }
  }

  private static String ms(long[] sorted, double q) {
    return String.format(
        "%.3f ms", sorted[(int) Math.min(sorted.length - 1, q * sorted.length)] / 1e6);
  }

  private static int chars(ClaimedJob job) {
    return job.input().messages().stream().mapToInt(t -> t.content().length()).sum()
        + job.input().context().rollingSummary().length();
  }

  /** The corpus sentences that hold a value, with the markup removed. */
  static List<String> piiSentences(Path corpus) throws IOException {
    List<String> out = new ArrayList<>();
    for (String file : List.of("corpus-en.txt", "corpus-zh.txt", "corpus-hand.txt")) {
      for (String line : Files.readAllLines(corpus.resolve(file), StandardCharsets.UTF_8)) {
        if (!line.startsWith("#") && line.contains("[[")) {
          out.add(MARK.matcher(line).replaceAll("$1"));
        }
      }
    }
    return out;
  }

  /** One import job per conversation session. */
  static List<ClaimedJob> jobs(Path dataset, List<String> pii) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dataset.toFile());
    Random random = new Random(16);
    List<ClaimedJob> jobs = new ArrayList<>();
    for (JsonNode conversation : root.path("conversations")) {
      for (JsonNode session : conversation.path("sessions")) {
        List<Turn> turns = new ArrayList<>();
        int n = 0;
        for (JsonNode message : session.path("messages")) {
          String text = message.path("text").asText();
          if (n++ % 3 == 2) {
            text = text + " " + pii.get(random.nextInt(pii.size()));
          }
          turns.add(
              new Turn(message.path("id").asText(), n % 2 == 1 ? "user" : "assistant", text, null));
        }
        String summary = "So far: " + pii.get(random.nextInt(pii.size()));
        JobInput input =
            new JobInput(
                null,
                new io.membank.memory.ingest.TurnContext(null, List.of(), summary, null),
                turns,
                Map.of("source", "bench", "contact", pii.get(random.nextInt(pii.size()))),
                MergeStrategy.merge,
                true,
                null,
                null,
                null);
        jobs.add(new ClaimedJob(UUID.randomUUID(), "bench", "u-1", null, null, 1, input, null));
      }
    }
    return jobs;
  }
}
