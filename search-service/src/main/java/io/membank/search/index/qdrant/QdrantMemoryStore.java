package io.membank.search.index.qdrant;

import static io.membank.search.index.qdrant.QdrantCalls.await;
import static io.qdrant.client.ConditionFactory.range;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.membank.contracts.MemoryEvent;
import io.membank.search.index.IndexedMemory;
import io.membank.search.index.MemoryStore;
import io.membank.search.index.RankFusion;
import io.membank.search.index.SearchConfig;
import io.membank.search.index.SearchQuery;
import io.membank.search.index.Vector;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The search read model in a Qdrant collection, for clusters: several search-service replicas share
 * it. Same contract as the Lucene index ({@link MemoryStore}); how it holds it:
 *
 * <ul>
 *   <li><b>Points.</b> One point per tenant + memory id ({@link QdrantPoints}); the embedding under
 *       its model's named dense vector, the content as a BM25-weighted sparse vector ({@link
 *       SparseText}), the filter fields as indexed payload ({@link QdrantCollections}).
 *   <li><b>Versions.</b> An event is applied only when the stored version is older: read the
 *       point's version, then upsert with Qdrant's conditional update ({@code update_filter:
 *       version < new}). Writes of one process are serialised; between replicas (two consumers of
 *       one partition during a rebalance) the condition is checked by Qdrant itself, so a newer
 *       version is never overwritten — at worst an event reported applied was in fact skipped.
 *   <li><b>Tenants.</b> Every search carries must-conditions on {@code tenant_id} and {@code
 *       user_id}; point ids are derived from tenant + memory id, so no tenant can touch another's
 *       points.
 *   <li><b>Durability.</b> Every write waits until Qdrant has applied it (its write-ahead log):
 *       {@link #commit()} has nothing left to do.
 *   <li><b>Rebuild.</b> Searches and live writes go through an alias; a rebuild fills a new
 *       collection and moves the alias in one atomic update, keeping the previous collection until
 *       the next swap.
 * </ul>
 */
public final class QdrantMemoryStore implements MemoryStore {

  private static final Logger LOG = Logger.getLogger(QdrantMemoryStore.class);

  /** A candidate: the point's id, payload and score in one ranking. */
  private record Hit(String id, Map<String, Value> payload, float score) {}

  private final QdrantClient client;
  private final QdrantSettings settings;
  private final SearchConfig.Hybrid hybrid;
  private final QdrantCollections collections;
  private final QdrantPoints points;
  private final SparseText sparse;
  private volatile boolean closed;

  private QdrantMemoryStore(
      QdrantClient client, QdrantSettings settings, SearchConfig.Hybrid hybrid) {
    this.client = client;
    this.settings = settings;
    this.hybrid = hybrid;
    this.collections = new QdrantCollections(client, settings);
    this.sparse = new SparseText(settings.bm25AverageLength());
    this.points = new QdrantPoints(sparse);
  }

  /** Connects, and creates the collection and its alias if they do not exist yet. */
  public static QdrantMemoryStore open(QdrantSettings settings, SearchConfig.Hybrid hybrid) {
    QdrantMemoryStore store = new QdrantMemoryStore(connect(settings), settings, hybrid);
    try {
      store.collections.ensureAlias();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    LOG.infof(
        "search.qdrant.opened endpoint=%s alias=%s collection=%s",
        settings.endpoint(), settings.collection(), store.collections.target().orElse("?"));
    return store;
  }

  /**
   * A client on the gRPC endpoint (the shaded Netty transport, named so that no other gRPC
   * transport on the class path is picked), with the API key and deadline of the settings.
   */
  static QdrantClient connect(QdrantSettings settings) {
    NettyChannelBuilder channel = NettyChannelBuilder.forAddress(settings.host(), settings.port());
    ManagedChannel built =
        (settings.tls() ? channel.useTransportSecurity() : channel.usePlaintext()).build();
    QdrantGrpcClient.Builder grpc =
        QdrantGrpcClient.newBuilder(built, true, false).withTimeout(settings.timeout());
    settings.key().ifPresent(grpc::withApiKey);
    return new QdrantClient(grpc.build());
  }

  @Override
  public String kind() {
    return "qdrant";
  }

  @Override
  public String location() {
    return settings.endpoint() + "/" + settings.collection();
  }

  @Override
  public boolean isOpen() {
    if (closed) {
      return false;
    }
    try {
      await(client.healthCheckAsync(Duration.ofSeconds(2)), "health check");
      return true;
    } catch (RuntimeException e) {
      LOG.debugf("search.qdrant.unhealthy cause=%s", e.getMessage());
      return false;
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      client.close();
    }
  }

  @Override
  public synchronized Outcome apply(MemoryEvent event, Vector vector) {
    return applyTo(settings.collection(), event, vector);
  }

  /** Writes are applied before {@link #apply} returns: nothing to do. */
  @Override
  public void commit() {}

  private Outcome applyTo(String collection, MemoryEvent e, Vector vector) {
    if (vector != null && !settings.denseVectors().containsKey(vector.field())) {
      throw new IllegalStateException(
          "embedding field "
              + vector.field()
              + " is not one of membank.search.qdrant.dense-vectors "
              + settings.denseVectors().keySet());
    }
    PointId id = QdrantPoints.id(e.tenantId(), e.memoryId());
    if (storedVersion(collection, id) >= e.version()) {
      return Outcome.STALE;
    }
    UpsertPoints upsert =
        UpsertPoints.newBuilder()
            .setCollectionName(collection)
            .setWait(true)
            .addPoints(points.point(e, vector))
            // Checked by Qdrant per point: an existing point is replaced only while older.
            .setUpdateFilter(
                Filter.newBuilder()
                    .addMust(
                        range(QdrantPoints.VERSION, Range.newBuilder().setLt(e.version()).build())))
            .build();
    await(client.upsertAsync(upsert), "upsert");
    return Outcome.APPLIED;
  }

  private long storedVersion(String collection, PointId id) {
    List<RetrievedPoint> found =
        await(
            client.retrieveAsync(
                collection,
                List.of(id),
                WithPayloadSelectorFactory.include(List.of(QdrantPoints.VERSION)),
                WithVectorsSelectorFactory.enable(false),
                null),
            "retrieve");
    return found.isEmpty() ? 0 : QdrantPoints.version(found.get(0).getPayloadMap());
  }

  @Override
  public List<IndexedMemory> search(SearchQuery q) {
    Filter filter = QdrantFilters.of(q);
    int candidates = Math.max(q.limit(), hybrid.candidates());
    List<Hit> keyword =
        q.mode() == SearchQuery.Mode.VECTOR ? List.of() : keyword(q, filter, candidates);
    List<Hit> vector =
        q.mode() == SearchQuery.Mode.KEYWORD || q.queryVector() == null
            ? List.of()
            : similar(q, filter, candidates);
    List<Hit> ranked =
        switch (q.mode()) {
          case KEYWORD -> keyword;
          case VECTOR -> vector;
          case HYBRID -> fuse(keyword, vector);
        };
    return q.order()
        .apply(
            ranked.stream()
                .limit(q.limit())
                .map(h -> QdrantPoints.memory(h.payload(), h.score()))
                .toList());
  }

  /**
   * BM25 over the sparse keyword vector; without any term, keyword mode lists the filtered memories
   * (score 1), as Lucene's match-all does.
   */
  private List<Hit> keyword(SearchQuery q, Filter filter, int candidates) {
    SparseText.Sparse terms = sparse.query(q.text());
    if (terms != null) {
      return query(
          QueryFactory.nearest(terms.values(), terms.indices()),
          QdrantPoints.TEXT_VECTOR,
          filter,
          candidates);
    }
    if (q.mode() != SearchQuery.Mode.KEYWORD) {
      return List.of();
    }
    ScrollPoints scroll =
        ScrollPoints.newBuilder()
            .setCollectionName(settings.collection())
            .setFilter(filter)
            .setLimit(candidates)
            .setWithPayload(WithPayloadSelectorFactory.enable(true))
            .setWithVectors(WithVectorsSelectorFactory.enable(false))
            .build();
    return await(client.scrollAsync(scroll), "scroll").getResultList().stream()
        .map(p -> new Hit(p.getId().getUuid(), p.getPayloadMap(), 1f))
        .toList();
  }

  /**
   * Nearest neighbours by cosine similarity among the filtered points, without those below the
   * model's floor (a nearest neighbour always exists; a related memory need not).
   */
  private List<Hit> similar(SearchQuery q, Filter filter, int candidates) {
    Vector v = q.queryVector();
    if (!settings.denseVectors().containsKey(v.field())) {
      return List.of(); // no memory can have a vector of a model the collection does not know
    }
    return query(QueryFactory.nearest(v.values()), v.field(), filter, candidates).stream()
        .filter(h -> h.score() >= q.minSimilarity())
        .toList();
  }

  private List<Hit> query(Query query, String using, Filter filter, int limit) {
    QueryPoints request =
        QueryPoints.newBuilder()
            .setCollectionName(settings.collection())
            .setQuery(query)
            .setUsing(using)
            .setFilter(filter)
            .setLimit(limit)
            .setWithPayload(WithPayloadSelectorFactory.enable(true))
            .build();
    return await(client.queryAsync(request), "query").stream()
        .map(p -> new Hit(p.getId().getUuid(), p.getPayloadMap(), p.getScore()))
        .toList();
  }

  /** Reciprocal rank fusion of the two rankings, weighted; best first. */
  private List<Hit> fuse(List<Hit> keyword, List<Hit> vector) {
    Map<String, Hit> byId = new LinkedHashMap<>();
    keyword.forEach(h -> byId.putIfAbsent(h.id(), h));
    vector.forEach(h -> byId.putIfAbsent(h.id(), h));
    List<Hit> out = new ArrayList<>();
    for (RankFusion.Ranked<String> r :
        RankFusion.fuse(
            keyword.stream().map(Hit::id).toList(),
            vector.stream().map(Hit::id).toList(),
            hybrid)) {
      out.add(new Hit(r.key(), byId.get(r.key()).payload(), (float) r.score()));
    }
    return out;
  }

  @Override
  public synchronized Staging stage() {
    return new QdrantStaging(collections.create());
  }

  @Override
  public synchronized void swap(MemoryStore.Staging staged, Runnable beforeSwap) {
    if (!(staged instanceof QdrantStaging staging) || staging.owner() != this) {
      throw new IllegalArgumentException("not staged by this store");
    }
    beforeSwap.run();
    String previous = collections.target().orElseThrow();
    collections.moveAlias(staging.collection);
    collections.dropOlderThan(previous);
    LOG.infof(
        "search.qdrant.swapped alias=%s collection=%s previous=%s",
        settings.collection(), staging.collection, previous);
  }

  /** A collection being rebuilt: events go in with the same rules as the live one. */
  private final class QdrantStaging implements MemoryStore.Staging {
    private final String collection;

    private QdrantStaging(String collection) {
      this.collection = collection;
    }

    private QdrantMemoryStore owner() {
      return QdrantMemoryStore.this;
    }

    @Override
    public Outcome apply(MemoryEvent event, Vector vector) {
      synchronized (QdrantMemoryStore.this) {
        return applyTo(collection, event, vector);
      }
    }

    @Override
    public void commit() {}

    @Override
    public void discard() {
      collections.delete(collection);
    }
  }
}
