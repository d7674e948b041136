package io.membank.search.embed;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.membank.contracts.MemoryEvent;
import io.membank.search.index.SearchConfig;
import io.membank.search.index.Vector;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The embedding models in use, by {@code membank.search.embeddings.provider}.
 *
 * <p>{@code in-process} (the default): one model per script, BGE small v1.5 (English, 384 dims) for
 * alphabetic text and BGE small zh v1.5 (512 dims) for Chinese (and other CJK) text, both quantized
 * ONNX models shipped inside Maven artifacts — nothing is downloaded at run time. A text's script
 * picks its model; a query only meets memories of its own script by vector (BM25 still crosses).
 *
 * <p>{@code openai}: one remote model for every script ({@link RemoteEmbedder}), so a query meets
 * memories of any language its model understands.
 */
@ApplicationScoped
public class Embeddings {

  private static final Logger LOG = Logger.getLogger(Embeddings.class);
  private static final Pattern CJK =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");

  /** BGE small en's instruction for queries (stored texts are embedded as they are). */
  public static final String ENGLISH_QUERY_PREFIX =
      "Represent this sentence for searching relevant passages: ";

  /** BGE small zh's instruction for queries. */
  public static final String CHINESE_QUERY_PREFIX = "为这个句子生成表示以用于检索相关文章：";

  @Inject SearchConfig config;
  @Inject EmbeddingUsage usage;

  private volatile Embedder english;
  private volatile Embedder chinese;

  /** The one remote model, when the provider is openai (then english and chinese stay null). */
  private volatile Embedder remote;

  void load(@Observes StartupEvent event) {
    if (!enabled()) {
      LOG.info("search.embeddings.disabled (keyword search only)");
      return;
    }
    long started = System.nanoTime();
    SearchConfig.Embeddings c = config.embeddings();
    if (c.provider() == SearchConfig.Provider.OPENAI) {
      remote = RemoteEmbedder.create(c.remote());
      // Never the key: only where the vectors come from and where they go.
      LOG.infof(
          "search.embeddings.remote model=%s dimension=%d field=%s base_url=%s batch_size=%d"
              + " bearer=%s",
          remote.name(),
          remote.dimension(),
          remote.field(),
          c.remote().baseUrl().orElseThrow(),
          c.remote().batchSize(),
          c.remote().apiKey().filter(k -> !k.isBlank()).isPresent() ? "yes" : "no");
      return;
    }
    english =
        new Embedder(
            "bge-small-en-v1.5-q",
            "vec_en",
            384,
            ENGLISH_QUERY_PREFIX,
            c.minSimilarityEn(),
            new BgeSmallEnV15QuantizedEmbeddingModel());
    chinese =
        new Embedder(
            "bge-small-zh-v1.5-q",
            "vec_zh",
            512,
            CHINESE_QUERY_PREFIX,
            c.minSimilarityZh(),
            new BgeSmallZhV15QuantizedEmbeddingModel());
    LOG.infof(
        "search.embeddings.loaded models=%s,%s took_ms=%d",
        english.name(), chinese.name(), (System.nanoTime() - started) / 1_000_000);
  }

  /** Whether vectors are made at all ({@code membank.search.embeddings.enabled}). */
  public boolean enabled() {
    return config.embeddings().enabled();
  }

  /** The model for a text, by its script; null when embeddings are off. */
  public Embedder forText(String text) {
    if (!enabled()) {
      return null;
    }
    if (remote != null) {
      return remote;
    }
    return text != null && CJK.matcher(text).find() ? chinese : english;
  }

  /** Every model in use (their fields are the vector fields searched). */
  public List<Embedder> all() {
    if (!enabled()) {
      return List.of();
    }
    return remote != null ? List.of(remote) : List.of(english, chinese);
  }

  /** The provider name usage is reported under: {@code openai} (remote) or {@code onnx}. */
  public String provider() {
    return remote() ? "openai" : "onnx";
  }

  /** The vector of a search query, its work metered for the tenant. */
  public Vector query(String tenant, Embedder embedder, String text) {
    long started = System.nanoTime();
    Vector vector = embedder.query(text);
    usage.record(
        tenant,
        provider(),
        embedder.name(),
        List.of(text),
        (System.nanoTime() - started) / 1_000_000);
    return vector;
  }

  /** Whether the vectors come from a remote server (whose calls can fail for a while). */
  public boolean remote() {
    return enabled() && remote != null;
  }

  /**
   * The vectors of the events that keep content (deleted ones do not), by position; one model call
   * per model for the whole batch (a remote model: one request per {@code batch-size} texts).
   *
   * @throws EmbeddingFailure when a model gave no usable vectors: then none of the batch is
   *     returned, so no event goes into the index without its vector
   */
  public Map<Integer, Vector> forEvents(List<MemoryEvent> events) {
    Map<Integer, Vector> out = new LinkedHashMap<>();
    if (!enabled()) {
      return out;
    }
    Map<Embedder, List<Integer>> byModel = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      MemoryEvent e = events.get(i);
      if (e != null
          && e.operation() != MemoryEvent.Operation.DELETED
          && e.content() != null
          && !e.content().isBlank()) {
        byModel.computeIfAbsent(forText(e.content()), k -> new ArrayList<>()).add(i);
      }
    }
    byModel.forEach(
        (embedder, positions) -> {
          long started = System.nanoTime();
          List<Vector> vectors =
              embedder.documents(positions.stream().map(i -> events.get(i).content()).toList());
          for (int j = 0; j < positions.size(); j++) {
            out.put(positions.get(j), vectors.get(j));
          }
          meter(events, positions, embedder, (System.nanoTime() - started) / 1_000_000);
        });
    return out;
  }

  /** Meters a model call's texts per tenant (a batch may hold several tenants' events). */
  private void meter(
      List<MemoryEvent> events, List<Integer> positions, Embedder embedder, long millis) {
    Map<String, List<String>> byTenant = new LinkedHashMap<>();
    for (int i : positions) {
      byTenant
          .computeIfAbsent(events.get(i).tenantId(), t -> new ArrayList<>())
          .add(events.get(i).content());
    }
    byTenant.forEach(
        (tenant, texts) ->
            usage.record(
                tenant,
                provider(),
                embedder.name(),
                texts,
                millis * texts.size() / positions.size()));
  }
}
