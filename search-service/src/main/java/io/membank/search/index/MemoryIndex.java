package io.membank.search.index;

import io.membank.contracts.MemoryEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

/**
 * The search read model in Lucene: BM25 over content with a CJK-aware analyzer (Chinese, Japanese
 * and Korean as character bigrams, other languages as words), filters as indexed fields, every
 * document keyed by tenant + memory id. Upserts are idempotent by version; a change is committed
 * before it is acknowledged, so a crash never loses an applied event.
 */
@ApplicationScoped
public class MemoryIndex {

  private static final Logger LOG = Logger.getLogger(MemoryIndex.class);

  /** What happened to an event. */
  public enum Outcome {
    APPLIED,
    STALE
  }

  static final String KEY = "key";
  static final String ID = "id";
  static final String TENANT = "tenant";
  static final String USER = "user";
  static final String AGENT = "agent";
  static final String SESSION = "session";
  static final String CONTENT = "content";
  static final String TYPE = "type";
  static final String ENTITY = "entity";
  static final String IMPORTANCE = "importance";
  static final String CREATED = "created";
  static final String STATE = "state";
  static final String VERSION = "version";

  /** Bound on the terms of one query (Lucene refuses more than 1024 clauses). */
  static final int MAX_QUERY_TERMS = 256;

  @Inject SearchConfig config;

  private final Analyzer analyzer = new MemoryAnalyzer();
  private Directory directory;
  private IndexWriter writer;
  private SearcherManager searchers;

  /** Versions applied since the last commit (not yet visible to a searcher). */
  private final Map<String, Long> pending = new HashMap<>();

  void open(@Observes StartupEvent event) throws IOException {
    Files.createDirectories(config.indexDir());
    directory = FSDirectory.open(config.indexDir());
    writer =
        new IndexWriter(
            directory,
            new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    searchers = new SearcherManager(writer, null);
    LOG.infof(
        "search.index.opened dir=%s docs=%d", config.indexDir(), writer.getDocStats().numDocs);
  }

  void close(@Observes ShutdownEvent event) throws IOException {
    if (writer != null && writer.isOpen()) {
      searchers.close();
      writer.close();
      directory.close();
    }
  }

  /** Whether the index can take writes. */
  public boolean isOpen() {
    return writer != null && writer.isOpen();
  }

  /**
   * Applies a memory event unless the index already holds this version or a newer one. Not durable
   * until {@link #commit()}: the consumer commits once per batch, before acknowledging it.
   */
  public synchronized Outcome apply(MemoryEvent e) {
    try {
      String key = e.tenantId() + "/" + e.memoryId();
      if (storedVersion(key) >= e.version()) {
        return Outcome.STALE;
      }
      writer.updateDocument(new Term(KEY, key), document(key, e));
      pending.put(key, e.version());
      return Outcome.APPLIED;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Makes everything applied so far durable and searchable. */
  public synchronized void commit() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
      pending.clear();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private long storedVersion(String key) throws IOException {
    Long uncommitted = pending.get(key);
    if (uncommitted != null) {
      return uncommitted;
    }
    // Everything else is committed and visible: commit() refreshes the searcher.
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs hit = searcher.search(new TermQuery(new Term(KEY, key)), 1);
      if (hit.scoreDocs.length == 0) {
        return 0;
      }
      Document doc = searcher.storedFields().document(hit.scoreDocs[0].doc);
      return doc.getField(VERSION).numericValue().longValue();
    } finally {
      searchers.release(searcher);
    }
  }

  /** The document of a memory; deleted ones stay as tombstones so stale events stay stale. */
  private Document document(String key, MemoryEvent e) {
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
    d.add(new TextField(CONTENT, e.content() == null ? "" : e.content(), Field.Store.YES));
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
    }
    addTime(d, CREATED, e.createdAt(), true);
    addTime(d, "updated", e.updatedAt(), false);
    addTime(d, "valid_from", e.validFrom(), false);
    addTime(d, "valid_to", e.validTo(), false);
    return d;
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

  /** The best matches of the query within the tenant and user, after the filters. */
  public List<IndexedMemory> search(SearchQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new TermQuery(new Term(TENANT, q.tenant())), Occur.FILTER);
    b.add(new TermQuery(new Term(USER, q.userId())), Occur.FILTER);
    if (q.includeInvalidated()) {
      b.add(new TermQuery(new Term(STATE, "deleted")), Occur.MUST_NOT);
    } else {
      b.add(new TermQuery(new Term(STATE, "valid")), Occur.FILTER);
    }
    filterTerm(b, AGENT, q.agentId());
    filterTerm(b, SESSION, q.sessionId());
    if (q.types() != null && !q.types().isEmpty()) {
      b.add(new TermInSetQuery(TYPE, q.types().stream().map(BytesRef::new).toList()), Occur.FILTER);
    }
    if (q.entities() != null && !q.entities().isEmpty()) {
      b.add(
          new TermInSetQuery(
              ENTITY,
              q.entities().stream().map(e -> new BytesRef(e.toLowerCase(Locale.ROOT))).toList()),
          Occur.FILTER);
    }
    if (q.importanceMin() != null || q.importanceMax() != null) {
      b.add(
          DoublePoint.newRangeQuery(
              IMPORTANCE,
              q.importanceMin() == null ? Double.NEGATIVE_INFINITY : q.importanceMin(),
              q.importanceMax() == null ? Double.POSITIVE_INFINITY : q.importanceMax()),
          Occur.FILTER);
    }
    if (q.createdFrom() != null || q.createdTo() != null) {
      b.add(
          LongPoint.newRangeQuery(
              CREATED,
              q.createdFrom() == null ? Long.MIN_VALUE : q.createdFrom().toInstant().toEpochMilli(),
              q.createdTo() == null ? Long.MAX_VALUE : q.createdTo().toInstant().toEpochMilli()),
          Occur.FILTER);
    }
    Query text = textQuery(q.text());
    b.add(text == null ? new MatchAllDocsQuery() : text, Occur.MUST);
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(b.build(), q.limit());
        StoredFields stored = searcher.storedFields();
        List<IndexedMemory> out = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) {
          out.add(toMemory(stored.document(hit.doc), hit.score));
        }
        return out;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Any of the query's terms (BM25 ranks documents that share more, and rarer, terms first). Built
   * from the analyzer's tokens directly: the CJK unigrams and bigrams overlap, and a token-graph
   * query would demand every token of one path.
   */
  private Query textQuery(String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(CONTENT, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
        terms.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    terms.forEach(t -> any.add(new TermQuery(new Term(CONTENT, t)), Occur.SHOULD));
    return any.build();
  }

  private static void filterTerm(BooleanQuery.Builder b, String field, String value) {
    if (value != null) {
      b.add(new TermQuery(new Term(field, value)), Occur.FILTER);
    }
  }

  private static IndexedMemory toMemory(Document d, float score) {
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
        time(d, "updated"),
        score);
  }

  private static OffsetDateTime time(Document d, String field) {
    var f = d.getField(field + "_ms");
    return f == null
        ? null
        : OffsetDateTime.ofInstant(
            Instant.ofEpochMilli(f.numericValue().longValue()), ZoneOffset.UTC);
  }
}
