package io.membank.search.index.qdrant;

import static io.membank.search.index.qdrant.QdrantCalls.await;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CreateAlias;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteAlias;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.IntegerIndexParams;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The collections behind the alias searches use. One physical collection per generation, {@code
 * <alias>__<millis>}: named dense vectors per embedding model (cosine), the sparse keyword vector
 * with Qdrant's IDF modifier, and payload indexes on every field a search filters by — {@code
 * tenant_id} marked as the tenant key so each tenant's points are stored together. A rebuild fills
 * a new generation and moves the alias to it in one atomic alias update.
 */
final class QdrantCollections {

  private static final Logger LOG = Logger.getLogger(QdrantCollections.class);

  /** Keyword payload indexes besides the tenant's. */
  static final List<String> KEYWORD_FIELDS =
      List.of(
          QdrantPoints.USER,
          QdrantPoints.STATE,
          QdrantPoints.AGENT,
          QdrantPoints.SESSION,
          QdrantPoints.TYPE,
          QdrantPoints.ENTITIES_LC,
          QdrantPoints.META_KV);

  /** Integer payload indexes (ranges: versions, times in epoch milliseconds). */
  static final List<String> INTEGER_FIELDS =
      List.of(
          QdrantPoints.VERSION,
          QdrantPoints.CREATED,
          QdrantPoints.UPDATED,
          QdrantPoints.OCCURRED,
          QdrantPoints.EXPIRES,
          QdrantPoints.VALID_FROM,
          QdrantPoints.VALID_TO);

  private final QdrantClient client;
  private final QdrantSettings settings;
  private final Pattern generation;

  QdrantCollections(QdrantClient client, QdrantSettings settings) {
    this.client = client;
    this.settings = settings;
    this.generation = Pattern.compile(Pattern.quote(settings.collection() + "__") + "(\\d+)");
  }

  /** The alias, pointed at a new first generation if it does not exist yet. */
  void ensureAlias() {
    if (target().isPresent()) {
      return;
    }
    if (await(client.listCollectionsAsync(), "list collections").contains(alias())) {
      throw new IllegalStateException(
          "Qdrant has a collection named "
              + alias()
              + ": membank.search.qdrant.collection names an alias MemBank manages");
    }
    String first = create();
    try {
      await(client.updateAliasesAsync(List.of(createAlias(first))), "create alias");
      LOG.infof("search.qdrant.alias.created alias=%s collection=%s", alias(), first);
    } catch (RuntimeException e) {
      if (target().isEmpty()) {
        throw e;
      }
      delete(first); // another replica created it meanwhile
    }
  }

  /** The physical collection the alias points at, if the alias exists. */
  Optional<String> target() {
    return await(client.listAliasesAsync(), "list aliases").stream()
        .filter(a -> a.getAliasName().equals(alias()))
        .map(AliasDescription::getCollectionName)
        .findFirst();
  }

  /** A new, empty generation with the full schema; its name. */
  synchronized String create() {
    List<String> existing = await(client.listCollectionsAsync(), "list collections");
    long millis = System.currentTimeMillis();
    while (existing.contains(name(millis))) {
      millis++;
    }
    String name = name(millis);
    await(client.createCollectionAsync(schema(name)), "create collection");
    indexes(name);
    LOG.infof("search.qdrant.collection.created collection=%s", name);
    return name;
  }

  /**
   * Moves the alias to {@code collection} atomically; searches see one or the other, never none.
   */
  void moveAlias(String collection) {
    AliasOperations delete =
        AliasOperations.newBuilder()
            .setDeleteAlias(DeleteAlias.newBuilder().setAliasName(alias()))
            .build();
    await(client.updateAliasesAsync(List.of(delete, createAlias(collection))), "move alias");
  }

  /** Drops the generations older than {@code keep} (failed rebuilds, and the one before it). */
  void dropOlderThan(String keep) {
    long kept = generationOf(keep);
    for (String name : await(client.listCollectionsAsync(), "list collections")) {
      long g = generationOf(name);
      if (g >= 0 && g < kept) {
        delete(name);
      }
    }
  }

  /** Drops one collection. */
  void delete(String collection) {
    await(client.deleteCollectionAsync(collection), "delete collection");
    LOG.infof("search.qdrant.collection.deleted collection=%s", collection);
  }

  private String alias() {
    return settings.collection();
  }

  private String name(long millis) {
    return alias() + "__" + millis;
  }

  private long generationOf(String name) {
    Matcher m = generation.matcher(name);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private AliasOperations createAlias(String collection) {
    return AliasOperations.newBuilder()
        .setCreateAlias(
            CreateAlias.newBuilder().setAliasName(alias()).setCollectionName(collection))
        .build();
  }

  private CreateCollection schema(String name) {
    VectorParamsMap.Builder dense = VectorParamsMap.newBuilder();
    for (Map.Entry<String, Integer> v : settings.denseVectors().entrySet()) {
      dense.putMap(
          v.getKey(),
          VectorParams.newBuilder().setSize(v.getValue()).setDistance(Distance.Cosine).build());
    }
    return CreateCollection.newBuilder()
        .setCollectionName(name)
        .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(dense))
        .setSparseVectorsConfig(
            SparseVectorConfig.newBuilder()
                .putMap(
                    QdrantPoints.TEXT_VECTOR,
                    SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
        .build();
  }

  private void indexes(String collection) {
    index(
        collection,
        QdrantPoints.TENANT,
        PayloadSchemaType.Keyword,
        PayloadIndexParams.newBuilder()
            .setKeywordIndexParams(KeywordIndexParams.newBuilder().setIsTenant(true))
            .build());
    for (String field : KEYWORD_FIELDS) {
      index(collection, field, PayloadSchemaType.Keyword, null);
    }
    for (String field : INTEGER_FIELDS) {
      index(
          collection,
          field,
          PayloadSchemaType.Integer,
          PayloadIndexParams.newBuilder()
              .setIntegerIndexParams(IntegerIndexParams.newBuilder().setLookup(true).setRange(true))
              .build());
    }
    index(collection, QdrantPoints.IMPORTANCE, PayloadSchemaType.Float, null);
  }

  private void index(
      String collection, String field, PayloadSchemaType type, PayloadIndexParams params) {
    await(
        client.createPayloadIndexAsync(collection, field, type, params, true, null, null),
        "create payload index " + field);
  }
}
