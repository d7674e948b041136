package io.membank.search.index;

import io.membank.contracts.MemoryEvent;
import io.membank.contracts.MemoryType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.jboss.logging.Logger;

/**
 * The search read model in Lucene on local disk (the default {@link MemoryStore}): BM25 over
 * content with a CJK-aware analyzer (Chinese, Japanese and Korean as character bigrams, other
 * languages as words), filters as indexed fields, every document keyed by tenant + memory id.
 * Upserts are idempotent by version; a change is committed before it is acknowledged, so a crash
 * never loses an applied event.
 */
public final class MemoryIndex implements MemoryStore {

  private static final Logger LOG = Logger.getLogger(MemoryIndex.class);

  static final String KEY = "key";
  static final String ID = "id";
  static final String TENANT = "tenant";
  static final String USER = "user";
  static final String AGENT = "agent";
  static final String SESSION = "session";
  static final String CONTENT = "content";
  static final String SOURCE = "source";

  /** The {@link #TYPE} value of episodes (a value, not a field). */
  static final String EPISODE = MemoryType.EPISODE.wireName();

  static final String TYPE = "type";
  static final String ENTITY = "entity";
  static final String IMPORTANCE = "importance";
  static final String CREATED = "created";
  static final String UPDATED = "updated";
  static final String OCCURRED = "occurred";
  static final String EXPIRES = "expires";
  static final String STATE = "state";
  static final String VERSION = "version";
  static final String EMBEDDING_MODEL = "embedding_model";
  static final String EMBEDDING_DIMENSION = "embedding_dimension";
  static final String VALID_FROM = "valid_from";
  static final String VALID_TO = "valid_to";
  static final String META_PREFIX = "meta.";

  private final Path indexDir;
  private final SearchConfig.Hybrid hybrid;
  private final Analyzer analyzer = new MemoryAnalyzer();

  /** The index searches read and events go to; replaced whole by {@link #swap}. */
  private volatile IndexStore live;

  private MemoryIndex(Path indexDir, SearchConfig.Hybrid hybrid) {
    this.indexDir = indexDir;
    this.hybrid = hybrid;
  }

  /**
   * The index in {@code indexDir} (created if missing), ranking hybrid searches by {@code hybrid}.
   */
  public static MemoryIndex open(Path indexDir, SearchConfig.Hybrid hybrid) {
    MemoryIndex index = new MemoryIndex(indexDir, hybrid);
    try {
      index.live = IndexStore.open(indexDir, index.analyzer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LOG.infof("search.index.opened dir=%s docs=%d", indexDir, index.live.numDocs());
    return index;
  }

  @Override
  public synchronized void close() {
    try {
      if (live != null) {
        live.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String kind() {
    return "lucene";
  }

  @Override
  public String location() {
    return indexDir.toString();
  }

  /** Whether the index can take writes. */
  @Override
  public boolean isOpen() {
    IndexStore store = live;
    return store != null && store.isOpen();
  }

  /**
   * Applies a memory event, with the embedding of its content (or null), unless the index already
   * holds this version or a newer one. Not durable until {@link #commit()}: the consumer commits
   * once per batch, before acknowledging it.
   */
  @Override
  public synchronized Outcome apply(MemoryEvent e, Vector vector) {
    return applyTo(live, e, vector);
  }

  /** Makes everything applied so far durable and searchable. */
  @Override
  public synchronized void commit() {
    live.commit();
  }

  /** A new, empty index beside the live one, for a rebuild; not searched until {@link #swap}. */
  @Override
  public synchronized Staging stage() {
    Path dir = indexDir.resolveSibling(indexDir.getFileName() + ".rebuild");
    try {
      return new Staging(IndexStore.create(dir, analyzer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes the staged index the live one, in the live directory; the old one is kept beside it as
   * {@code <dir>.previous} until the next swap. Searches already running finish on the old one.
   * Runs {@code beforeSwap} first under the same lock, with no event applied meanwhile (a rebuild
   * catches up there).
   */
  @Override
  public synchronized void swap(MemoryStore.Staging staged, Runnable beforeSwap) {
    if (!(staged instanceof Staging staging) || staging.owner() != this) {
      throw new IllegalArgumentException("not staged by this index");
    }
    beforeSwap.run();
    staging.store.commit();
    Path liveDir = indexDir;
    Path previous = liveDir.resolveSibling(liveDir.getFileName() + ".previous");
    try {
      staging.store.close();
      IndexStore old = live;
      old.close();
      deleteTree(previous);
      Files.move(liveDir, previous, StandardCopyOption.ATOMIC_MOVE);
      Files.move(staging.store.dir(), liveDir, StandardCopyOption.ATOMIC_MOVE);
      live = IndexStore.open(liveDir, analyzer);
      LOG.infof("search.index.swapped dir=%s docs=%d", liveDir, live.numDocs());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An index being rebuilt: events go in with the same rules as the live one. */
  public final class Staging implements MemoryStore.Staging {
    private final IndexStore store;

    private Staging(IndexStore store) {
      this.store = store;
    }

    private MemoryIndex owner() {
      return MemoryIndex.this;
    }

    /** Applies an event to the staged index (same version rules). */
    @Override
    public Outcome apply(MemoryEvent e, Vector vector) {
      synchronized (MemoryIndex.this) {
        return applyTo(store, e, vector);
      }
    }

    /** Commits what was applied so far. */
    @Override
    public void commit() {
      store.commit();
    }

    /** Gives the staged index up (a failed rebuild). */
    @Override
    public void discard() {
      try {
        store.close();
        deleteTree(store.dir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Outcome applyTo(IndexStore store, MemoryEvent e, Vector vector) {
    try {
      String key = e.tenantId() + "/" + e.memoryId();
      return store.upsert(key, e.version(), k -> document(k, e, vector), KEY)
          ? Outcome.APPLIED
          : Outcome.STALE;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The document of a memory; deleted ones stay as tombstones so stale events stay stale. */
  private Document document(String key, MemoryEvent e, Vector vector) {
    Document d = new Document();
    d.add(new StringField(KEY, key, Field.Store.NO));
    d.add(new StringField(ID, e.memoryId(), Field.Store.YES));
    d.add(new StringField(TENANT, e.tenantId(), Field.Store.NO));
    d.add(new StringField(USER, e.userId(), Field.Store.YES));
    d.add(new StoredField(VERSION, e.version()));
    String state =
        switch (e.operation()) {
          case DELETED -> "deleted";
          case INVALIDATED -> "invalid";
          default -> e.validTo() != null ? "invalid" : "valid";
        };
    d.add(new StringField(STATE, state, Field.Store.NO));
    if (e.operation() == MemoryEvent.Operation.DELETED) {
      return d; // a tombstone keeps only what version checks need: no content stays searchable
    }
    addOptional(d, AGENT, e.agentId());
    addOptional(d, SESSION, e.sessionId());
    String content = e.content() == null ? "" : e.content();
    d.add(new TextField(CONTENT, content, Field.Store.YES));
    if (e.source() != null && !e.source().equals(content)) {
      // The message it came from: searched as a field of its own, with a lower weight.
      d.add(new TextField(SOURCE, e.source(), Field.Store.NO));
    }
    // Whole-content terms for equality and contains / icontains filters.
    String term = content.substring(0, Math.min(content.length(), LuceneFilters.MAX_TERM_CHARS));
    d.add(new StringField(LuceneFilters.CONTENT_RAW, term, Field.Store.NO));
    d.add(new StringField(LuceneFilters.CONTENT_LC, term.toLowerCase(Locale.ROOT), Field.Store.NO));
    if (vector != null) {
      d.add(
          new KnnFloatVectorField(
              vector.field(), vector.values(), VectorSimilarityFunction.COSINE));
      // What made the vector travels with it: a model change is visible per memory.
      d.add(new StoredField(EMBEDDING_MODEL, vector.model()));
      d.add(new StoredField(EMBEDDING_DIMENSION, vector.values().length));
    }
    addOptional(d, TYPE, e.type());
    if (e.importance() != null) {
      d.add(new DoublePoint(IMPORTANCE, e.importance()));
      d.add(new StoredField(IMPORTANCE, e.importance()));
    }
    if (e.entities() != null) {
      for (String entity : e.entities()) {
        d.add(new StringField(ENTITY, entity.toLowerCase(Locale.ROOT), Field.Store.NO));
        d.add(new StoredField("entity_stored", entity));
      }
    }
    if (e.metadata() != null && !e.metadata().isEmpty()) {
      d.add(new StoredField("metadata", MetadataJson.write(e.metadata())));
      // Scalars (and lists of them) at every path are filterable: equality, order, contains.
      e.metadata().forEach((name, value) -> addMetadata(d, name, value, 1));
    }
    addTime(d, CREATED, e.createdAt(), true);
    addTime(d, UPDATED, e.updatedAt(), true);
    // Event time; a memory told without one happened when it was stored.
    addTime(d, OCCURRED, e.occurredAt() != null ? e.occurredAt() : e.createdAt(), true);
    if (e.expiresAt() != null) {
      addTime(d, EXPIRES, e.expiresAt(), true);
    }
    addTime(d, VALID_FROM, e.validFrom() != null ? e.validFrom() : e.createdAt(), true);
    addTime(d, VALID_TO, e.validTo(), false);
    // Open-ended validity indexes as "forever", so as_of can range over it.
    d.add(
        new LongPoint(
            VALID_TO,
            e.validTo() == null ? Long.MAX_VALUE : e.validTo().toInstant().toEpochMilli()));
    return d;
  }

  /** Deepest metadata path indexed for filters (the filter language allows 5 segments). */
  private static final int MAX_META_DEPTH = 5;

  private static void addMetadata(Document d, String path, Object value, int depth) {
    if (value instanceof Map<?, ?> map) {
      if (depth < MAX_META_DEPTH) {
        map.forEach((k, v) -> addMetadata(d, path + "." + k, v, depth + 1));
      }
      return;
    }
    for (Object v :
        value instanceof List<?> list ? list : java.util.Collections.singletonList(value)) {
      if (v instanceof String text) {
        String term = text.substring(0, Math.min(text.length(), LuceneFilters.MAX_TERM_CHARS));
        d.add(new StringField(META_PREFIX + path, term, Field.Store.NO));
        d.add(
            new StringField(
                LuceneFilters.META_LC_PREFIX + path,
                term.toLowerCase(Locale.ROOT),
                Field.Store.NO));
      } else if (v instanceof Number n) {
        for (String t : LuceneFilters.metadataTerms(n)) {
          d.add(new StringField(META_PREFIX + path, t, Field.Store.NO));
        }
        d.add(new DoublePoint(LuceneFilters.META_NUM_PREFIX + path, n.doubleValue()));
      } else if (v instanceof Boolean) {
        d.add(new StringField(META_PREFIX + path, String.valueOf(v), Field.Store.NO));
      }
    }
  }

  private static void addOptional(Document d, String field, String value) {
    if (value != null) {
      d.add(new StringField(field, value, Field.Store.YES));
    }
  }

  private static void addTime(Document d, String field, OffsetDateTime t, boolean indexed) {
    if (t == null) {
      return;
    }
    long millis = t.toInstant().toEpochMilli();
    if (indexed) {
      d.add(new LongPoint(field, millis));
    }
    d.add(new StoredField(field + "_ms", millis));
  }

  /**
   * The best matches of the query within the tenant and user, after the filters: BM25, vector
   * similarity, or both fused by reciprocal rank ({@link SearchQuery.Mode}); in the query's {@link
   * HitOrder}.
   */
  @Override
  public List<IndexedMemory> search(SearchQuery q) {
    Query filter = filter(q);
    Query text = textQuery(q.text(), CONTENT);
    Query sourceText = q.sources() ? textQuery(q.text(), SOURCE) : null;
    int candidates = Math.max(q.limit(), hybrid.candidates());
    try {
      IndexStore store = live;
      IndexSearcher searcher = store.acquire();
      try {
        List<ScoreDoc> keyword = List.of();
        Map<Integer, List<String>> fields = Map.of();
        if (q.mode() != SearchQuery.Mode.VECTOR) {
          if (text != null) {
            List<ScoreDoc> inContent = top(searcher, and(filter, text), candidates);
            List<ScoreDoc> inSource =
                sourceText == null ? List.of() : top(searcher, and(filter, sourceText), candidates);
            fields = matchedFields(inContent, inSource);
            keyword = weighted(inContent, inSource, hybrid.sourceWeight(), candidates);
          } else if (q.mode() == SearchQuery.Mode.KEYWORD) {
            keyword = top(searcher, and(filter, new MatchAllDocsQuery()), candidates);
          }
        }
        List<ScoreDoc> vector = List.of();
        if (q.mode() != SearchQuery.Mode.KEYWORD && q.queryVector() != null) {
          vector = similar(searcher, q, filter, candidates);
        }
        List<ScoreDoc> ranked =
            switch (q.mode()) {
              case KEYWORD -> keyword;
              case VECTOR -> vector;
              case HYBRID -> fuse(keyword, vector);
            };
        Map<Integer, Double> keywordScores = scores(keyword);
        Map<Integer, Double> vectorScores = scores(vector);
        StoredFields stored = searcher.storedFields();
        List<IndexedMemory> out = new ArrayList<>();
        for (ScoreDoc hit : ranked.subList(0, Math.min(q.limit(), ranked.size()))) {
          IndexedMemory.Match match =
              new IndexedMemory.Match(
                  keywordScores.get(hit.doc),
                  vectorScores.get(hit.doc),
                  q.mode() == SearchQuery.Mode.HYBRID ? (double) hit.score : null,
                  fields.get(hit.doc));
          out.add(toMemory(stored.document(hit.doc), hit.score, match));
        }
        return q.order().apply(out);
      } finally {
        store.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, Integer> vectorsOutside(Set<String> inUse) {
    try {
      IndexStore store = live;
      IndexSearcher searcher = store.acquire();
      try {
        Set<String> fields = new TreeSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
          for (FieldInfo f : leaf.reader().getFieldInfos()) {
            if (f.getVectorDimension() > 0 && !inUse.contains(f.name)) {
              fields.add(f.name);
            }
          }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String field : fields) {
          int count = searcher.count(new FieldExistsQuery(field));
          if (count > 0) {
            out.put(field, count);
          }
        }
        return out;
      } finally {
        store.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tenant, user, validity and filter clauses, as pure filters (no score). */
  private static Query filter(SearchQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(TENANT, q.tenant())), Occur.FILTER);
    b.add(new TermQuery(new Term(USER, q.userId())), Occur.FILTER);
    if (q.asOf() != null) {
      // What was valid then. Deleted memories are tombstones without content: not answerable.
      long t = q.asOf().toInstant().toEpochMilli();
      b.add(new TermQuery(new Term(STATE, "deleted")), Occur.MUST_NOT);
      b.add(LongPoint.newRangeQuery(CREATED, Long.MIN_VALUE, t), Occur.FILTER);
      b.add(LongPoint.newRangeQuery(VALID_FROM, Long.MIN_VALUE, t), Occur.FILTER);
      b.add(LongPoint.newRangeQuery(VALID_TO, t + 1, Long.MAX_VALUE), Occur.FILTER);
    } else if (q.includeInvalidated()) {
      b.add(new TermQuery(new Term(STATE, "deleted")), Occur.MUST_NOT);
    } else {
      b.add(new TermQuery(new Term(STATE, "valid")), Occur.FILTER);
    }
    // Expired memories are never answers (documents indexed before expiry existed have none).
    b.add(LongPoint.newRangeQuery(EXPIRES, Long.MIN_VALUE, q.expiryMillis()), Occur.MUST_NOT);
    if (q.filter() != null && !q.filter().isEmpty()) {
      b.add(LuceneFilters.of(q.filter()), Occur.FILTER);
    }
    if (!q.sources()) {
      // Episodes are messages kept only as sources: not answers when sources are left out.
      b.add(new TermQuery(new Term(TYPE, EPISODE)), Occur.MUST_NOT);
    }
    return b.build();
  }

  private static Query and(Query filter, Query scored) {
    return new BooleanQuery.Builder().add(filter, Occur.FILTER).add(scored, Occur.MUST).build();
  }

  private static List<ScoreDoc> top(IndexSearcher searcher, Query query, int n) throws IOException {
    return List.of(searcher.search(query, n).scoreDocs);
  }

  /**
   * Nearest neighbours among the filtered documents, as cosine similarity, without those below the
   * model's floor (a nearest neighbour always exists; a related memory need not).
   */
  private static List<ScoreDoc> similar(IndexSearcher searcher, SearchQuery q, Query filter, int n)
      throws IOException {
    Vector v = q.queryVector();
    List<ScoreDoc> out = new ArrayList<>();
    for (ScoreDoc d :
        searcher.search(new KnnFloatVectorQuery(v.field(), v.values(), n, filter), n).scoreDocs) {
      float cosine = 2 * d.score - 1; // Lucene scores COSINE as (1 + cos) / 2
      if (cosine >= q.minSimilarity()) {
        out.add(new ScoreDoc(d.doc, cosine));
      }
    }
    return out;
  }

  /** Which text fields each document matched in: {@code content}, {@code source} or both. */
  private static Map<Integer, List<String>> matchedFields(
      List<ScoreDoc> inContent, List<ScoreDoc> inSource) {
    Map<Integer, List<String>> out = new java.util.HashMap<>();
    inContent.forEach(d -> out.computeIfAbsent(d.doc, k -> new ArrayList<>()).add(CONTENT));
    inSource.forEach(d -> out.computeIfAbsent(d.doc, k -> new ArrayList<>()).add(SOURCE));
    return out;
  }

  /**
   * The keyword ranking over both text fields: a document's BM25 in its content plus {@code
   * sourceWeight} times its BM25 in its source text, best first.
   */
  static List<ScoreDoc> weighted(
      List<ScoreDoc> inContent, List<ScoreDoc> inSource, double sourceWeight, int n) {
    if (inSource.isEmpty()) {
      return inContent;
    }
    Map<Integer, Double> total = new java.util.HashMap<>();
    inContent.forEach(d -> total.merge(d.doc, (double) d.score, Double::sum));
    inSource.forEach(d -> total.merge(d.doc, sourceWeight * d.score, Double::sum));
    return total.entrySet().stream()
        .sorted(
            Map.Entry.<Integer, Double>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(e -> new ScoreDoc(e.getKey(), e.getValue().floatValue()))
        .toList();
  }

  private static Map<Integer, Double> scores(List<ScoreDoc> ranking) {
    Map<Integer, Double> out = new java.util.HashMap<>();
    ranking.forEach(d -> out.put(d.doc, (double) d.score));
    return out;
  }

  /** Reciprocal rank fusion of the two rankings, weighted; best first. */
  private List<ScoreDoc> fuse(List<ScoreDoc> keyword, List<ScoreDoc> vector) {
    return RankFusion.fuse(
            keyword.stream().map(d -> d.doc).toList(),
            vector.stream().map(d -> d.doc).toList(),
            hybrid)
        .stream()
        .map(r -> new ScoreDoc(r.key(), (float) r.score()))
        .toList();
  }

  /**
   * Any of the query's terms (BM25 ranks documents that share more, and rarer, terms first). Built
   * from the analyzer's tokens directly ({@link TextTerms#query}): the CJK unigrams and bigrams
   * overlap, and a token-graph query would demand every token of one path.
   */
  private static Query textQuery(String text, String field) {
    Set<String> terms = TextTerms.query(text);
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    terms.forEach(t -> any.add(new TermQuery(new Term(field, t)), Occur.SHOULD));
    return any.build();
  }

  private static IndexedMemory toMemory(Document d, float score, IndexedMemory.Match match) {
    List<String> entities = List.of(d.getValues("entity_stored"));
    return new IndexedMemory(
        d.get(ID),
        d.get(USER),
        d.get(AGENT),
        d.get(SESSION),
        d.get(CONTENT),
        d.get(TYPE),
        d.getField(IMPORTANCE) == null ? null : d.getField(IMPORTANCE).numericValue().doubleValue(),
        entities,
        d.get("metadata"),
        d.getField(VERSION).numericValue().longValue(),
        time(d, "valid_from"),
        time(d, "valid_to"),
        time(d, CREATED),
        time(d, UPDATED),
        score,
        time(d, OCCURRED),
        time(d, EXPIRES),
        match);
  }

  private static OffsetDateTime time(Document d, String field) {
    var f = d.getField(field + "_ms");
    return f == null
        ? null
        : OffsetDateTime.ofInstant(
            Instant.ofEpochMilli(f.numericValue().longValue()), ZoneOffset.UTC);
  }

  // ---- erasure of a subject (issue 17)

  @Override
  public long countSubject(String tenantId, String userId) {
    IndexStore store = live;
    try {
      IndexSearcher searcher = store.acquire();
      try {
        return searcher.count(subjectQuery(tenantId, userId));
      } finally {
        store.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized long eraseSubject(String tenantId, String userId) {
    IndexStore store = live;
    try {
      Map<String, Long> versions = new LinkedHashMap<>();
      IndexSearcher searcher = store.acquire();
      try {
        Query subject = subjectQuery(tenantId, userId);
        int n = searcher.count(subject);
        if (n > 0) {
          StoredFields fields = searcher.storedFields();
          for (ScoreDoc hit : searcher.search(subject, n).scoreDocs) {
            Document d = fields.document(hit.doc, Set.of(ID, VERSION));
            versions.put(d.get(ID), d.getField(VERSION).numericValue().longValue());
          }
        }
      } finally {
        store.release(searcher);
      }
      for (Map.Entry<String, Long> memory : versions.entrySet()) {
        String key = tenantId + "/" + memory.getKey();
        Document tombstone = new Document();
        tombstone.add(new StringField(KEY, key, Field.Store.NO));
        tombstone.add(new StringField(ID, memory.getKey(), Field.Store.YES));
        tombstone.add(new StringField(TENANT, tenantId, Field.Store.NO));
        tombstone.add(new StoredField(VERSION, memory.getValue()));
        tombstone.add(new StringField(STATE, "deleted", Field.Store.NO));
        store.replace(key, memory.getValue(), tombstone, KEY);
      }
      store.commit();
      return versions.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Query subjectQuery(String tenantId, String userId) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(TENANT, tenantId)), Occur.FILTER)
        .add(new TermQuery(new Term(USER, userId)), Occur.FILTER)
        .build();
  }
}
