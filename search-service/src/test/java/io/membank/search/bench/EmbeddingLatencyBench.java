package io.membank.search.bench;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.membank.search.embed.Embedder;
import io.membank.search.embed.Embeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long one search query's embedding takes with the in-process English model outside the
 * service, the way search-service embeds it ({@link Embedder#query}: one text per call, with the
 * model's retrieval prefix or, to see what the prefix costs, without): one client, then N at once.
 *
 * <p>Args ({@code key=value}): {@code queries} (default 400), {@code clients} (default 1,16),
 * {@code prefix} (default true,false). Prints p50/p95/p99 ms and embeddings/s for each.
 */
public final class EmbeddingLatencyBench {

  private EmbeddingLatencyBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    int queries = Integer.parseInt(opts.getOrDefault("queries", "400"));
    int[] clients = ints(opts.getOrDefault("clients", "1,16"));
    List<String> texts = MemoryCorpus.questions(queries, 42);
    String[] prefixes = opts.getOrDefault("prefix", "true,false").split(",");
    System.out.printf(
        Locale.ROOT,
        "embedding latency: %d distinct questions, %d cores, JDK %s%n",
        queries,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    BgeSmallEnV15QuantizedEmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
    for (String prefix : prefixes) {
      String text = Boolean.parseBoolean(prefix) ? Embeddings.ENGLISH_QUERY_PREFIX : "";
      Embedder english = new Embedder("bge-small-en-v1.5-q", "vec_en", 384, text, 0.0, model);
      // Warm-up: the first calls pay for JIT and ONNX Runtime's first-run allocations.
      for (int i = 0; i < 50; i++) {
        english.query(texts.get(i % texts.size()));
      }
      for (int c : clients) {
        run(english, texts, c, prefix);
      }
    }
  }

  private static void run(Embedder english, List<String> texts, int clients, String prefix)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long[] nanos = new long[texts.size()];
    long started = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      futures.add(
          pool.submit(
              () -> {
                for (int i = first; i < texts.size(); i += clients) {
                  long t0 = System.nanoTime();
                  english.query(texts.get(i));
                  nanos[i] = System.nanoTime() - t0;
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "prefix=%s clients=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms throughput=%.1f/s%n",
        prefix,
        clients,
        percentile(nanos, 0.50),
        percentile(nanos, 0.95),
        percentile(nanos, 0.99),
        texts.size() / seconds);
  }

  private static double percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
