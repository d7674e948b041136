package io.membank.search.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.membank.search.embed.Embeddings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * ANN recall of search-service's vector index: Lucene HNSW ({@link KnnFloatVectorQuery}) top-10
 * against exact (brute-force) top-10 for the same query vectors.
 *
 * <p>The index is built the way {@code MemoryIndex} builds it, with the HNSW parameters asked for
 * ({@code hnsw=default} is Lucene's default codec, M 16 / beam 100; the service's {@code
 * IndexStore.CODEC} is {@code hnsw=32:200}): one {@link KnnFloatVectorField} {@code vec_en} with
 * {@link VectorSimilarityFunction#COSINE}, tenant/user/state fields, documents upserted by key and
 * committed every {@code commit} documents (the Kafka consumer commits once per batch of at most
 * 500 events). Queries are run as {@code MemoryIndex.similar} runs them: a {@code
 * KnnFloatVectorQuery(field, vector, k, filter)} with the tenant + user + state filter, where the
 * service passes {@code k = max(limit, membank.search.hybrid.candidates)} = 50 and then keeps the
 * first {@code limit}.
 *
 * <p>Vectors: the first {@code real} documents are real BGE small en v1.5 (quantized) embeddings of
 * generated first-person statements ({@link MemoryCorpus}); the remaining {@code docs - real} are
 * synthetic: a random real embedding moved by {@code noise} × the difference of two other random
 * real embeddings, normalized (they stay in the region real embeddings occupy). Queries are real
 * embeddings of generated questions with the model's retrieval prefix, as search-service embeds
 * queries. Embeddings are cached under {@code dir} (the texts are deterministic).
 *
 * <p>Arguments ({@code key=value}): {@code docs=100000 real=20000 queries=200 k=10,50,100
 * hnsw=default[,M:beam…] commit=500 users=1 merge=false noise=0.45 seed=42
 * dir=search-service/target/bench/ann keep=false explain=0}. {@code users=U} spreads the documents
 * over U users and queries one of them (a selective filter, as in a multi-user index); {@code
 * explain=R} prints scores and segments of every query whose recall is below R.
 *
 * <p>Not a test: a plain main class run by {@code search-service/bench/recall.sh} (Surefire does
 * not pick it up).
 */
public final class AnnRecallBench {

  static final String FIELD = "vec_en";
  static final int DIM = 384;
  static final int TOP = 10;

  /** search-service's query prefix for the English BGE model. */
  static final String QUERY_PREFIX = Embeddings.ENGLISH_QUERY_PREFIX;

  private static final PrintStream OUT = System.out;

  private AnnRecallBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    for (String s : argv) {
      int eq = s.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, got " + s);
      }
      a.put(s.substring(0, eq), s.substring(eq + 1));
    }
    int docs = Integer.parseInt(a.getOrDefault("docs", "100000"));
    int real = Math.min(docs, Integer.parseInt(a.getOrDefault("real", "20000")));
    int queries = Integer.parseInt(a.getOrDefault("queries", "200"));
    int[] ks =
        Arrays.stream(a.getOrDefault("k", "10,50,100").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    List<String> hnsw = List.of(a.getOrDefault("hnsw", "default").split(","));
    int commitEvery = Integer.parseInt(a.getOrDefault("commit", "500"));
    int users = Integer.parseInt(a.getOrDefault("users", "1"));
    boolean merge = Boolean.parseBoolean(a.getOrDefault("merge", "false"));
    boolean keep = Boolean.parseBoolean(a.getOrDefault("keep", "false"));
    double explain = Double.parseDouble(a.getOrDefault("explain", "0"));
    double noise = Double.parseDouble(a.getOrDefault("noise", "0.45"));
    long seed = Long.parseLong(a.getOrDefault("seed", "42"));
    Path dir = Path.of(a.getOrDefault("dir", "search-service/target/bench/ann"));
    Files.createDirectories(dir);

    OUT.printf(
        Locale.ROOT,
        "ann-recall %s docs=%d real=%d synthetic=%d queries=%d k=%s hnsw=%s commit=%d users=%d"
            + " merge=%s noise=%.2f seed=%d cpus=%d load=%s%n",
        Instant.now(),
        docs,
        real,
        docs - real,
        queries,
        Arrays.toString(ks),
        hnsw,
        commitEvery,
        users,
        merge,
        noise,
        seed,
        Runtime.getRuntime().availableProcessors(),
        load());
    Codec codec = Codec.getDefault();
    KnnVectorsFormat defaultFormat =
        codec instanceof Lucene104Codec c ? c.getKnnVectorsFormatForField(FIELD) : null;
    OUT.printf(
        "default codec %s, vector format of %s: %s%n", codec.getName(), FIELD, defaultFormat);

    // Vectors: real embeddings (cached), then synthetic ones around them.
    EmbeddingModel model = null;
    List<String> texts = MemoryCorpus.statements(real, seed);
    float[][] realVectors = cached(dir.resolve("docs-" + real + "-" + seed + ".f32"), texts);
    if (realVectors == null) {
      model = new BgeSmallEnV15QuantizedEmbeddingModel();
      realVectors = embed(model, texts, "", "documents");
      store(dir.resolve("docs-" + real + "-" + seed + ".f32"), texts, realVectors);
    }
    List<String> questions = MemoryCorpus.questions(queries, seed);
    float[][] queryVectors =
        cached(dir.resolve("queries-" + queries + "-" + seed + ".f32"), questions);
    if (queryVectors == null) {
      if (model == null) {
        model = new BgeSmallEnV15QuantizedEmbeddingModel();
      }
      queryVectors = embed(model, questions, QUERY_PREFIX, "queries");
      store(dir.resolve("queries-" + queries + "-" + seed + ".f32"), questions, queryVectors);
    }
    float[][] vectors = new float[docs][];
    String[] contents = new String[docs];
    System.arraycopy(realVectors, 0, vectors, 0, real);
    for (int i = 0; i < real; i++) {
      contents[i] = texts.get(i);
    }
    Random random = new Random(seed + 1);
    double cosToBase = 0;
    for (int i = real; i < docs; i++) {
      int base = random.nextInt(real);
      float[] b = realVectors[random.nextInt(real)];
      float[] c = realVectors[random.nextInt(real)];
      float[] v = new float[DIM];
      for (int j = 0; j < DIM; j++) {
        v[j] = (float) (realVectors[base][j] + noise * (b[j] - c[j]));
      }
      normalize(v);
      cosToBase += dot(v, realVectors[base]);
      vectors[i] = v;
      contents[i] = texts.get(base);
    }
    if (docs > real) {
      OUT.printf(
          Locale.ROOT,
          "synthetic: %d vectors, mean cosine to their real base %.3f%n",
          docs - real,
          cosToBase / (docs - real));
    }
    OUT.printf(
        Locale.ROOT,
        "mean cosine of two random real documents %.3f, of a query and a random document %.3f%n",
        meanRandomCosine(realVectors, realVectors, random),
        meanRandomCosine(queryVectors, realVectors, random));

    for (String params : hnsw) {
      run(
          dir,
          params,
          vectors,
          contents,
          queryVectors,
          questions,
          ks,
          commitEvery,
          users,
          merge,
          keep,
          explain);
    }
    OUT.printf("done load=%s%n", load());
  }

  private static void run(
      Path parent,
      String params,
      float[][] vectors,
      String[] contents,
      float[][] queries,
      List<String> questions,
      int[] ks,
      int commitEvery,
      int users,
      boolean merge,
      boolean keep,
      double explain)
      throws IOException {
    Path dir = parent.resolve("index-" + params.replace(':', '-'));
    deleteTree(dir);
    // As IndexStore: new IndexWriterConfig(analyzer) and a codec (the default, or M:beam). The
    // analyzer only concerns the text field (MemoryAnalyzer is package-private); vectors do not go
    // through it.
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    KnnVectorsFormat format;
    if (params.equals("default")) {
      format = ((Lucene104Codec) Codec.getDefault()).getKnnVectorsFormatForField(FIELD);
    } else {
      String[] p = params.split(":");
      KnnVectorsFormat custom =
          new Lucene99HnswVectorsFormat(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
      format = custom;
      config.setCodec(
          new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
              return custom;
            }
          });
    }
    long started = System.nanoTime();
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < vectors.length; i++) {
        String key = "bench/m" + i;
        Document d = new Document();
        d.add(new StringField("key", key, Field.Store.NO));
        d.add(new StringField("id", "m" + i, Field.Store.YES));
        d.add(new StringField("tenant", "bench", Field.Store.NO));
        d.add(new StringField("user", "u" + (i % users), Field.Store.YES));
        d.add(new StoredField("version", 1L));
        d.add(new StringField("state", "valid", Field.Store.NO));
        d.add(new TextField("content", contents[i], Field.Store.YES));
        d.add(new KnnFloatVectorField(FIELD, vectors[i], VectorSimilarityFunction.COSINE));
        d.add(new StoredField("embedding_model", "bge-small-en-v1.5-q"));
        d.add(new StoredField("embedding_dimension", DIM));
        writer.updateDocument(new Term("key", key), d);
        if ((i + 1) % commitEvery == 0) {
          writer.commit();
        }
        if ((i + 1) % 20_000 == 0) {
          OUT.printf(
              Locale.ROOT,
              "  indexed %d in %.1f s load=%s%n",
              i + 1,
              (System.nanoTime() - started) / 1e9,
              load());
        }
      }
      writer.commit();
    }
    double buildSeconds = (System.nanoTime() - started) / 1e9;
    double mergeSeconds = 0;
    if (merge) {
      long m = System.nanoTime();
      try (Directory directory = FSDirectory.open(dir);
          IndexWriter writer =
              new IndexWriter(
                  directory,
                  new IndexWriterConfig(new StandardAnalyzer())
                      .setCodec(config.getCodec())
                      .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
        writer.forceMerge(1);
        writer.commit();
      }
      mergeSeconds = (System.nanoTime() - m) / 1e9;
    }
    Map<String, Long> bytes = sizes(dir);
    long total = bytes.values().stream().mapToLong(Long::longValue).sum();

    try (Directory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader); // as SearcherManager's default factory
      Query filter =
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term("tenant", "bench")), Occur.FILTER)
              .add(new TermQuery(new Term("user", "u0")), Occur.FILTER)
              .add(new TermQuery(new Term("state", "valid")), Occur.FILTER)
              .build();
      List<FixedBitSet> accepted = acceptedDocs(searcher, filter);
      int matching = accepted.stream().mapToInt(FixedBitSet::cardinality).sum();
      OUT.printf(
          Locale.ROOT,
          "index %s (%s): %d docs, %d segments, build %.1f s (%.0f docs/s)%s, size %.1f MiB %s;"
              + " filter matches %d docs; load=%s%n",
          params,
          format,
          reader.numDocs(),
          reader.leaves().size(),
          buildSeconds,
          vectors.length / buildSeconds,
          merge ? String.format(Locale.ROOT, ", forceMerge(1) %.1f s", mergeSeconds) : "",
          total / 1048576.0,
          describe(bytes),
          matching,
          load());

      // Exact top-10: every accepted vector scored with the field's similarity (COSINE, scored as
      // Lucene scores it: (1 + cos) / 2), best first, ties by doc id.
      ScoreDoc[][] exact = new ScoreDoc[queries.length][];
      for (int q = 0; q < queries.length; q++) { // warm-up
        exact[q] = exact(searcher, accepted, queries[q]);
      }
      long[] exactNanos = new long[queries.length];
      for (int q = 0; q < queries.length; q++) {
        long t = System.nanoTime();
        exact[q] = exact(searcher, accepted, queries[q]);
        exactNanos[q] = System.nanoTime() - t;
      }
      double top1 = 0;
      double top10 = 0;
      for (ScoreDoc[] e : exact) {
        top1 += 2 * e[0].score - 1;
        top10 += 2 * e[Math.min(TOP, e.length) - 1].score - 1;
      }
      OUT.printf(
          Locale.ROOT,
          "exact neighbours: mean cosine of the 1st %.3f, of the 10th %.3f%n",
          top1 / queries.length,
          top10 / queries.length);
      OUT.println(
          "| k (candidates) | recall@10 mean | recall@10 min | queries at 1.0 | p50 ms | p95 ms |");
      OUT.println("|---|---|---|---|---|---|");
      for (int k : ks) {
        for (float[] query : queries) { // warm-up
          searcher.search(new KnnFloatVectorQuery(FIELD, query, k, filter), k);
        }
        long[] nanos = new long[queries.length];
        double sum = 0;
        double min = 1;
        int perfect = 0;
        for (int q = 0; q < queries.length; q++) {
          long t = System.nanoTime();
          ScoreDoc[] hits =
              searcher.search(new KnnFloatVectorQuery(FIELD, queries[q], k, filter), k).scoreDocs;
          nanos[q] = System.nanoTime() - t;
          double r = recall(exact[q], Arrays.copyOf(hits, Math.min(TOP, hits.length)));
          sum += r;
          min = Math.min(min, r);
          perfect += r == 1.0 ? 1 : 0;
          if (r < explain) {
            explain(searcher, k, r, questions.get(q), exact[q], hits);
          }
        }
        OUT.printf(
            Locale.ROOT,
            "| HNSW k=%d | %.4f | %.2f | %d/%d | %.2f | %.2f |%n",
            k,
            sum / queries.length,
            min,
            perfect,
            queries.length,
            pct(nanos, 50),
            pct(nanos, 95));
      }
      OUT.printf(
          Locale.ROOT,
          "| exact (brute force) | 1 | 1 | %d/%d | %.2f | %.2f |%n",
          queries.length,
          queries.length,
          pct(exactNanos, 50),
          pct(exactNanos, 95));
    }
    if (!keep) {
      deleteTree(dir);
    }
  }

  /** What a query with a low recall looked like: scores and segments of the exact and HNSW hits. */
  private static void explain(
      IndexSearcher searcher, int k, double r, String question, ScoreDoc[] exact, ScoreDoc[] hits) {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT, "  low recall k=%d r=%.2f \"%s\"%n    exact:", k, r, question));
    for (ScoreDoc d : exact) {
      b.append(
          String.format(
              Locale.ROOT,
              " %.4f@s%d",
              2 * d.score - 1,
              org.apache.lucene.index.ReaderUtil.subIndex(d.doc, leaves)));
    }
    b.append("\n    hnsw: ");
    for (int i = 0; i < Math.min(TOP, hits.length); i++) {
      b.append(
          String.format(
              Locale.ROOT,
              " %.4f@s%d",
              2 * hits[i].score - 1,
              org.apache.lucene.index.ReaderUtil.subIndex(hits[i].doc, leaves)));
    }
    StringBuilder sizes = new StringBuilder();
    for (LeafReaderContext leaf : leaves) {
      sizes.append(leaf.reader().maxDoc()).append(' ');
    }
    OUT.println(b.append("\n    segment sizes: ").append(sizes));
  }

  /**
   * Share of the exact top-10 found, counting a returned document as correct when its score is at
   * least the exact 10th score (ties between equally similar documents do not count as misses).
   */
  static double recall(ScoreDoc[] exact, ScoreDoc[] approx) {
    int n = Math.min(TOP, exact.length);
    float tenth = exact[n - 1].score;
    Set<Integer> truth = new HashSet<>();
    for (int i = 0; i < n; i++) {
      truth.add(exact[i].doc);
    }
    int found = 0;
    for (ScoreDoc d : approx) {
      if (truth.contains(d.doc) || d.score >= tenth - 1e-6f) {
        found++;
      }
    }
    return Math.min(n, found) / (double) n;
  }

  private static ScoreDoc[] exact(IndexSearcher searcher, List<FixedBitSet> accepted, float[] q)
      throws IOException {
    // A bounded min-heap of the best TOP by hand (no allocation per document).
    float[] scores = new float[TOP];
    int[] docs = new int[TOP];
    int size = 0;
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int l = 0; l < leaves.size(); l++) {
      LeafReaderContext leaf = leaves.get(l);
      FloatVectorValues values = leaf.reader().getFloatVectorValues(FIELD);
      if (values == null) {
        continue;
      }
      FixedBitSet ok = accepted.get(l);
      KnnVectorValues.DocIndexIterator it = values.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (!ok.get(doc)) {
          continue;
        }
        float s = VectorSimilarityFunction.COSINE.compare(q, values.vectorValue(it.index()));
        int global = leaf.docBase + doc;
        if (size < TOP) {
          scores[size] = s;
          docs[size] = global;
          size++;
          siftUp(scores, docs, size - 1);
        } else if (worse(scores[0], docs[0], s, global)) {
          scores[0] = s;
          docs[0] = global;
          siftDown(scores, docs, size);
        }
      }
    }
    ScoreDoc[] out = new ScoreDoc[size];
    for (int i = 0; i < size; i++) {
      out[i] = new ScoreDoc(docs[i], scores[i]);
    }
    Arrays.sort(
        out,
        Comparator.comparingDouble((ScoreDoc d) -> -d.score)
            .thenComparingInt((ScoreDoc d) -> d.doc));
    return out;
  }

  /** Whether (s1, d1) ranks below (s2, d2). */
  private static boolean worse(float s1, int d1, float s2, int d2) {
    return s1 < s2 || (s1 == s2 && d1 > d2);
  }

  private static void siftUp(float[] s, int[] d, int i) {
    while (i > 0) {
      int p = (i - 1) / 2;
      if (!worse(s[i], d[i], s[p], d[p])) {
        return;
      }
      swap(s, d, i, p);
      i = p;
    }
  }

  private static void siftDown(float[] s, int[] d, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int m = i;
      if (l < size && worse(s[l], d[l], s[m], d[m])) {
        m = l;
      }
      if (r < size && worse(s[r], d[r], s[m], d[m])) {
        m = r;
      }
      if (m == i) {
        return;
      }
      swap(s, d, i, m);
      i = m;
    }
  }

  private static void swap(float[] s, int[] d, int i, int j) {
    float ts = s[i];
    s[i] = s[j];
    s[j] = ts;
    int td = d[i];
    d[i] = d[j];
    d[j] = td;
  }

  /** Per leaf, the live documents the filter accepts. */
  private static List<FixedBitSet> acceptedDocs(IndexSearcher searcher, Query filter)
      throws IOException {
    Weight weight =
        searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1);
    List<FixedBitSet> out = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FixedBitSet bits = new FixedBitSet(leaf.reader().maxDoc());
      Scorer scorer = weight.scorer(leaf);
      Bits live = leaf.reader().getLiveDocs();
      if (scorer != null) {
        DocIdSetIterator it = scorer.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          if (live == null || live.get(doc)) {
            bits.set(doc);
          }
        }
      }
      out.add(bits);
    }
    return out;
  }

  private static float[][] embed(
      EmbeddingModel model, List<String> texts, String prefix, String what) {
    float[][] out = new float[texts.size()][];
    long started = System.nanoTime();
    int batch = 256;
    for (int i = 0; i < texts.size(); i += batch) {
      List<TextSegment> segments =
          texts.subList(i, Math.min(texts.size(), i + batch)).stream()
              .map(t -> TextSegment.from(prefix + t))
              .toList();
      List<Embedding> embeddings = model.embedAll(segments).content();
      for (int j = 0; j < embeddings.size(); j++) {
        float[] v = embeddings.get(j).vector();
        if (v.length != DIM) {
          throw new IllegalStateException("dimension " + v.length);
        }
        out[i + j] = v;
      }
      int done = Math.min(texts.size(), i + batch);
      if (done % 2048 == 0 || done == texts.size()) {
        double s = (System.nanoTime() - started) / 1e9;
        OUT.printf(
            Locale.ROOT,
            "  embedded %d/%d %s in %.1f s (%.1f texts/s) load=%s%n",
            done,
            texts.size(),
            what,
            s,
            done / s,
            load());
      }
    }
    double s = (System.nanoTime() - started) / 1e9;
    OUT.printf(
        Locale.ROOT,
        "embedding: %d %s in %.1f s = %.1f texts/s, %.2f ms per text (BGE small en v1.5 q,"
            + " in-process, batches of %d)%n",
        texts.size(),
        what,
        s,
        texts.size() / s,
        1000 * s / texts.size(),
        batch);
    return out;
  }

  /** Cached vectors of exactly these texts, or null. */
  private static float[][] cached(Path file, List<String> texts) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      int n = in.readInt();
      int dim = in.readInt();
      long hash = in.readLong();
      if (n != texts.size() || dim != DIM || hash != hash(texts)) {
        return null;
      }
      float[][] out = new float[n][dim];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < dim; j++) {
          out[i][j] = in.readFloat();
        }
      }
      OUT.printf("embeddings of %d texts from cache %s%n", n, file);
      return out;
    }
  }

  private static void store(Path file, List<String> texts, float[][] vectors) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(vectors.length);
      out.writeInt(DIM);
      out.writeLong(hash(texts));
      for (float[] v : vectors) {
        for (float f : v) {
          out.writeFloat(f);
        }
      }
    }
  }

  private static long hash(List<String> texts) {
    long h = 1125899906842597L;
    for (String t : texts) {
      for (byte b : t.getBytes(StandardCharsets.UTF_8)) {
        h = 31 * h + b;
      }
      h = 31 * h + '\n';
    }
    return h;
  }

  private static double meanRandomCosine(float[][] a, float[][] b, Random random) {
    double sum = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) {
      sum += dot(a[random.nextInt(a.length)], b[random.nextInt(b.length)]);
    }
    return sum / n;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void normalize(float[] v) {
    double n = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / n);
    }
  }

  private static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.round(p / 100.0 * (s.length - 1)))] / 1e6;
  }

  private static Map<String, Long> sizes(Path dir) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? name : name.substring(dot + 1);
        out.merge(ext, Files.size(f), Long::sum);
      }
    }
    return out;
  }

  /** The vector files (raw vectors .vec, HNSW graph .vex) and compound files, in MiB. */
  private static String describe(Map<String, Long> bytes) {
    StringBuilder b = new StringBuilder("(");
    for (String ext : List.of("vec", "vex", "cfs")) {
      if (bytes.containsKey(ext)) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(String.format(Locale.ROOT, ".%s %.1f MiB", ext, bytes.get(ext) / 1048576.0));
      }
    }
    return b.append(")").toString();
  }

  private static String load() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", l);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
