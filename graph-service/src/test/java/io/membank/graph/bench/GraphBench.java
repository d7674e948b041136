package io.membank.graph.bench;

import io.membank.contracts.MemoryEvent;
import io.membank.graph.extract.BuiltInExtractor;
import io.membank.graph.service.GraphUpdater;
import io.membank.graph.store.GraphReader;
import io.membank.graph.store.GraphSchema;
import io.membank.graph.store.GraphWriter;
import io.membank.identity.OwnerScope;
import io.membank.llm.budget.BudgetRouter;
import io.membank.llm.budget.TenantBudgets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.SessionConfig;

/**
 * Graph write throughput and query latency at N memories per user, against a running Neo4j (the
 * devstack's by default), through the same classes the service uses (built-in extractor, writer,
 * reader). Data goes to a fresh namespace that is removed afterwards. Run it with {@code
 * graph-service/bench/run.sh}; arguments: {@code memories=10000 users=1 writers=1 batch=200
 * queries=300 uri=bolt://127.0.0.1:17687 keep}.
 */
public final class GraphBench {

  private static final String TENANT = "bench";
  private static final String[] PRODUCTS = {
    "coffee",
    "green tea",
    "latte",
    "milk tea",
    "beer",
    "wine",
    "sushi",
    "pizza",
    "hot pot",
    "chocolate",
    "iPhone",
    "running shoes",
    "咖啡",
    "绿茶",
    "奶茶",
    "火锅"
  };
  private static final String[] ORGS = {
    "Starbucks",
    "Google",
    "Microsoft",
    "Amazon",
    "Alibaba",
    "Tencent",
    "Huawei",
    "OpenAI",
    "星巴克",
    "腾讯",
    "字节跳动",
    "Luckin Coffee"
  };
  private static final String[] CITIES = {
    "Paris",
    "London",
    "Tokyo",
    "Kyoto",
    "Berlin",
    "New York",
    "Seattle",
    "上海",
    "北京",
    "深圳",
    "杭州",
    "成都"
  };

  private GraphBench() {}

  /** Runs the benchmark and prints a summary. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new java.util.HashMap<>();
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    int memories = Integer.parseInt(opts.getOrDefault("memories", "10000"));
    int users = Integer.parseInt(opts.getOrDefault("users", "1"));
    int writers = Integer.parseInt(opts.getOrDefault("writers", "1"));
    int queries = Integer.parseInt(opts.getOrDefault("queries", "300"));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "200"));
    String uri = opts.getOrDefault("uri", "bolt://127.0.0.1:17687");
    String ns = "bench" + UUID.randomUUID().toString().substring(0, 8);

    try (Driver driver = GraphDatabase.driver(uri, AuthTokens.none())) {
      new GraphSchema(driver, "neo4j").ensure();
      var registry = new SimpleMeterRegistry();
      Duration timeout = Duration.ofSeconds(60);
      GraphWriter writer = new GraphWriter(driver, "neo4j", ns, timeout, 32, 32);
      GraphReader reader = new GraphReader(driver, "neo4j", ns, timeout, 2000, registry);
      GraphUpdater updater =
          new GraphUpdater(
              writer,
              BudgetRouter.builtInOnly(new TenantBudgets(), new BuiltInExtractor()),
              (event, usage) -> {},
              registry);
      try {
        run(updater, reader, driver, ns, memories, users, writers, batch, queries);
      } finally {
        if (!opts.containsKey("keep")) {
          try (var s = driver.session(SessionConfig.forDatabase("neo4j"))) {
            s.run(
                    "MATCH (n {ns: $ns}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS",
                    Map.of("ns", ns))
                .consume();
          }
        }
      }
    }
  }

  private static void run(
      GraphUpdater updater,
      GraphReader reader,
      Driver driver,
      String ns,
      int memories,
      int users,
      int writers,
      int batch,
      int queries)
      throws Exception {
    Random random = new Random(42);
    OffsetDateTime t0 = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    List<MemoryEvent> events = new ArrayList<>();
    for (int i = 0; i < memories * users; i++) {
      String user = "bench-user-" + (i % users);
      events.add(
          new MemoryEvent(
              UUID.randomUUID().toString(),
              TENANT,
              user,
              null,
              null,
              MemoryEvent.Operation.CREATED,
              1,
              content(random),
              "fact",
              Math.round(random.nextDouble() * 100) / 100.0,
              List.of(),
              Map.of(),
              null,
              null,
              t0.plusMinutes(i),
              t0.plusMinutes(i),
              null));
    }
    // Warm-up on a separate user, so the JIT and the page cache are not measured.
    List<MemoryEvent> warmup = new ArrayList<>();
    for (MemoryEvent e : events.subList(0, Math.min(400, events.size()))) {
      warmup.add(
          new MemoryEvent(
              UUID.randomUUID().toString(),
              TENANT,
              "warmup",
              null,
              null,
              e.operation(),
              1,
              e.content(),
              e.type(),
              e.importance(),
              List.of(),
              Map.of(),
              null,
              null,
              e.createdAt(),
              e.updatedAt(),
              null));
    }
    for (int i = 0; i < warmup.size(); i += batch) {
      updater.applyAll(warmup.subList(i, Math.min(warmup.size(), i + batch)));
    }

    // As the consumer does: batches of the topic's poll size, one transaction each.
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        List<MemoryEvent> mine = new ArrayList<>();
        for (int i = w; i < events.size(); i += writers) {
          mine.add(events.get(i));
        }
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < mine.size(); i += batch) {
                    updater.applyAll(mine.subList(i, Math.min(mine.size(), i + batch)));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    long entities;
    long relationships;
    try (var s = driver.session(SessionConfig.forDatabase("neo4j"))) {
      entities =
          s.run(
                  "MATCH (e:Entity {ns: $ns, user_id: 'bench-user-0'}) RETURN count(e)",
                  Map.of("ns", ns))
              .single()
              .get(0)
              .asLong();
      relationships =
          s.run(
                  "MATCH (e:Entity {ns: $ns, user_id: 'bench-user-0'})<-[r]-() RETURN count(r)",
                  Map.of("ns", ns))
              .single()
              .get(0)
              .asLong();
    }
    System.out.printf(
        Locale.ROOT,
        "writes: %d memories (%d users x %d) in %.1f s, %d writer(s), batches of %d:"
            + " %.0f memories/s%n",
        events.size(),
        users,
        memories,
        seconds,
        writers,
        batch,
        events.size() / seconds);
    System.out.printf(
        Locale.ROOT,
        "graph of bench-user-0: %d entities, %d relationships (MENTIONS included)%n",
        entities,
        relationships);

    List<String> ids =
        events.stream()
            .filter(e -> e.userId().equals("bench-user-0"))
            .map(MemoryEvent::memoryId)
            .toList();
    for (int depth = 1; depth <= 3; depth++) {
      int d = depth;
      long[] nanos =
          measure(queries, random, ids, id -> reader.related(TENANT, OwnerScope.ANY, id, d, 10));
      System.out.printf(
          Locale.ROOT,
          "related depth=%d limit=10: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d queries)%n",
          depth,
          pct(nanos, 50),
          pct(nanos, 95),
          pct(nanos, 99),
          queries);
    }
    long[] entityNanos =
        measure(
            Math.max(20, queries / 10),
            random,
            ids,
            id -> reader.entities(TENANT, "bench-user-0", 50));
    System.out.printf(
        Locale.ROOT,
        "entities limit=50: p50 %.1f ms, p95 %.1f ms%n",
        pct(entityNanos, 50),
        pct(entityNanos, 95));
    long[] graphNanos =
        measure(
            Math.max(20, queries / 10),
            random,
            ids,
            id -> reader.graph(TENANT, "bench-user-0", 100));
    System.out.printf(
        Locale.ROOT,
        "graph limit=100: p50 %.1f ms, p95 %.1f ms%n",
        pct(graphNanos, 50),
        pct(graphNanos, 95));
  }

  private static long[] measure(
      int n, Random random, List<String> ids, java.util.function.Consumer<String> query) {
    for (int i = 0; i < 30; i++) {
      query.accept(ids.get(random.nextInt(ids.size())));
    }
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      String id = ids.get(random.nextInt(ids.size()));
      long t = System.nanoTime();
      query.accept(id);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** A memory like users write them: preferences, work, places, people, meetings. */
  static String content(Random r) {
    String product = PRODUCTS[r.nextInt(PRODUCTS.length)];
    String org = ORGS[r.nextInt(ORGS.length)];
    String city = CITIES[r.nextInt(CITIES.length)];
    String person = "Person" + (char) ('A' + r.nextInt(26)) + (char) ('a' + r.nextInt(26));
    String topic = "project " + r.nextInt(300);
    return switch (r.nextInt(10)) {
      case 0 -> "I love " + product;
      case 1 -> "I work at " + org;
      case 2 -> "I live in " + city;
      case 3 -> "My friend " + person + " lives in " + city;
      case 4 -> "I have a " + topic + " meeting tomorrow";
      case 5 -> "明天要开" + r.nextInt(300) + "号产品会议";
      case 6 -> "我喜欢喝" + product;
      case 7 -> "I met " + person + " at " + org + " in " + city;
      case 8 -> "Bought " + product + " at " + org + " with my friend " + person;
      default -> "I don't like " + product + " from " + org + " (note " + r.nextInt(5000) + ")";
    };
  }
}
